using Flireo.Tools.Benchmarks.Plugin;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Benchmarks.Support;

/// <summary>Builds the container a Flireo app has: the benchmark tools, the secret, no logging provider (like the reference).</summary>
internal static class FlireoServices
{
    /// <summary>Builds the container.</summary>
    /// <param name="outcomeCache">Whether the router's idempotency cache is on (the default).</param>
    /// <param name="configure">Further options, or <see langword="null"/>.</param>
    /// <param name="addTools">Registers the tools; <see langword="null"/> registers the plugin's <c>ContactTools</c> and <c>SlowTools</c>.</param>
    public static ServiceProvider Create(bool outcomeCache = true, Action<FlireoToolsOptions>? configure = null, Action<IFlireoToolsBuilder>? addTools = null)
    {
        var services = new ServiceCollection();
        var tools = services.AddFlireoTools(options =>
        {
            options.WebhookSecret = SignedBodies.Secret;
            if (!outcomeCache)
            {
                options.IdempotencyCapacity = 0;
            }

            configure?.Invoke(options);
        });
        if (addTools is null)
        {
            tools.AddTools<ContactTools>().AddTools<SlowTools>();
        }
        else
        {
            addTools(tools);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = false });
    }
}
