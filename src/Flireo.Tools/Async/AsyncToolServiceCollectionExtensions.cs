using Flireo.Tools.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.Async;

/// <summary>Registers the default in-process async work queue.</summary>
internal static class AsyncToolServiceCollectionExtensions
{
    /// <summary>Adds the in-process <see cref="ChannelToolWorkQueue"/> as <see cref="IToolWorkQueue"/> (unless one is registered) and its processor.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    /// <remarks>Expects <see cref="TimeProvider"/>, options, logging and an <see cref="IToolWorkRunner"/> to be registered.</remarks>
    internal static IServiceCollection AddInProcessToolWorkQueue(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(static provider => provider.CreateWithLogger<ChannelToolWorkQueue>());
        services.TryAddSingleton<IToolWorkQueue>(static provider => provider.GetRequiredService<ChannelToolWorkQueue>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ToolWorkProcessor>(static provider => provider.CreateWithLogger<ToolWorkProcessor>()));
        return services;
    }
}
