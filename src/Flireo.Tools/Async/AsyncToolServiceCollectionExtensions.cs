using Flireo.Tools.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Async;

/// <summary>Registers the default in-memory async work store.</summary>
internal static class AsyncToolServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="InMemoryToolWorkStore"/> as <see cref="IToolWorkLeaseStore"/>, with the queue in front of it and the processor.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    /// <remarks>
    /// Each registration is skipped when one is there: an <see cref="IToolWorkQueue"/> registered before is kept (the
    /// processor then finds nothing in the store and waits), and <c>AddToolWorkStore</c> replaces the store and the queue.
    /// Expects options, logging and an <see cref="IToolWorkRunner"/> to be registered.
    /// </remarks>
    internal static IServiceCollection AddInProcessToolWorkQueue(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => new InMemoryToolWorkStore(
            provider.GetRequiredService<IOptions<FlireoToolsOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IToolWorkLeaseStore>(static provider => provider.GetRequiredService<InMemoryToolWorkStore>());
        ToolWorkStoreFlireoToolsBuilderExtensions.AddProcessor(services);
        services.TryAddSingleton<IToolWorkQueue>(static provider => provider.GetRequiredService<DurableToolWorkQueue>());
        services.TryAddSingleton<IToolWorkQueueStatus>(static provider => provider.GetRequiredService<DurableToolWorkQueue>());
        return services;
    }
}
