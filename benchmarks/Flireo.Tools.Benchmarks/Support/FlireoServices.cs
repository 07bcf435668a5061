using Flireo.Tools.Benchmarks.Plugin;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Benchmarks.Support;

/// <summary>Builds the container a Flireo app has: the benchmark tools, the secret, no logging provider (like the reference).</summary>
internal static class FlireoServices
{
    public static ServiceProvider Create(bool outcomeCache = true)
    {
        var services = new ServiceCollection();
        services.AddFlireoTools(options =>
        {
            options.WebhookSecret = SignedBodies.Secret;
            if (!outcomeCache)
            {
                options.IdempotencyCapacity = 0;
            }
        })
        .AddTools<ContactTools>()
        .AddTools<SlowTools>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = false });
    }
}
