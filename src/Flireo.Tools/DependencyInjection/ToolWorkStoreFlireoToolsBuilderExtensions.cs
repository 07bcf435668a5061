using System.Diagnostics.CodeAnalysis;
using Flireo.Tools;
using Flireo.Tools.Async;
using Flireo.Tools.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a durable work store on an <see cref="IFlireoToolsBuilder"/>.</summary>
public static class ToolWorkStoreFlireoToolsBuilderExtensions
{
    /// <summary>Keeps acknowledged async tool calls in <typeparamref name="TStore"/> instead of in memory, and runs them from there.</summary>
    /// <typeparam name="TStore">The store; registered as a singleton and as <see cref="IToolWorkLeaseStore"/> (its dead letters are served when this type implements <see cref="IToolWorkDeadLetterStore"/>).</typeparam>
    /// <param name="builder">The builder returned by <c>AddFlireoTools</c>.</param>
    /// <param name="factory">Creates the store, or <see langword="null"/> to let the container construct <typeparamref name="TStore"/>.</param>
    /// <param name="configure">Changes how the processor polls the store, renews leases and asks for housekeeping, or <see langword="null"/>.</param>
    /// <returns>The same builder instance.</returns>
    /// <remarks>
    /// <para>
    /// Wires everything around the store: the <see cref="IToolWorkQueue"/> the webhook stores calls through (a call the store
    /// throws on is refused, so nothing is acknowledged that was not stored), its <see cref="IToolWorkQueueStatus"/> and the
    /// queue gauges, <see cref="IToolWorkDeadLetterStore"/> when <typeparamref name="TStore"/> implements it, and a hosted
    /// processor that claims and runs the calls with the concurrency, retry and drain settings of <see cref="AsyncToolOptions"/>.
    /// </para>
    /// <para>
    /// It replaces the default in-memory store on the same processor. Calling it again with the same store only applies
    /// <paramref name="configure"/>; calling it with another store replaces the first.
    /// </para>
    /// </remarks>
    public static IFlireoToolsBuilder AddToolWorkStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IFlireoToolsBuilder builder, Func<IServiceProvider, TStore>? factory = null, Action<ToolWorkStoreOptions>? configure = null)
        where TStore : class, IToolWorkLeaseStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(static d => d.ServiceType == typeof(StoreRegistration) && ((StoreRegistration)d.ImplementationInstance!).StoreType == typeof(TStore)))
        {
            services.RemoveAll<StoreRegistration>();
            services.AddSingleton(new StoreRegistration(typeof(TStore)));
            if (typeof(TStore) == typeof(IToolWorkLeaseStore))
            {
                // Registered as the interface itself: the factory is the store's only registration.
                ArgumentNullException.ThrowIfNull(factory);
                services.Replace(ServiceDescriptor.Singleton<IToolWorkLeaseStore>(factory));
            }
            else
            {
                if (factory is null)
                {
                    services.TryAddSingleton<TStore>();
                }
                else
                {
                    services.TryAddSingleton(factory);
                }

                services.Replace(ServiceDescriptor.Singleton<IToolWorkLeaseStore>(static provider => provider.GetRequiredService<TStore>()));
            }

            AddProcessor(services);
            services.Replace(ServiceDescriptor.Singleton<IToolWorkQueue>(static provider => provider.GetRequiredService<DurableToolWorkQueue>()));
            services.Replace(ServiceDescriptor.Singleton<IToolWorkQueueStatus>(static provider => provider.GetRequiredService<DurableToolWorkQueue>()));
            services.RemoveAll<IToolWorkDeadLetterStore>();
            if (typeof(IToolWorkDeadLetterStore).IsAssignableFrom(typeof(TStore)))
            {
                services.AddSingleton<IToolWorkDeadLetterStore>(static provider => new DurableToolWorkDeadLetters(
                    (IToolWorkDeadLetterStore)provider.GetRequiredService<IToolWorkLeaseStore>(),
                    provider.GetRequiredService<ToolWorkSignal>()));
            }
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Registers the parts every store shares (the queue in front of the store, the processor, their options), once.</summary>
    /// <param name="services">The service collection; the store is resolved as <see cref="IToolWorkLeaseStore"/>.</param>
    internal static void AddProcessor(IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(DurableToolWorkProcessor)))
        {
            return;
        }

        services.AddOptions<ToolWorkStoreOptions>()
            .Validate(static o => o.PollInterval > TimeSpan.Zero, "The work store's PollInterval must be positive.")
            .Validate(static o => o.LeaseRenewInterval > TimeSpan.Zero, "The work store's LeaseRenewInterval must be positive.")
            .Validate(static o => o.MaintenanceInterval >= TimeSpan.Zero, "The work store's MaintenanceInterval must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ToolWorkSignal>();
        services.TryAddSingleton(static provider => new DurableToolWorkQueue(
            provider.GetRequiredService<IToolWorkLeaseStore>(),
            provider.GetRequiredService<ToolWorkSignal>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.Logger<DurableToolWorkQueue>()));
        services.AddSingleton(static provider => new DurableToolWorkProcessor(
            provider.GetRequiredService<IToolWorkLeaseStore>(),
            provider.GetRequiredService<ToolWorkSignal>(),
            provider.GetRequiredService<IToolWorkRunner>(),
            provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value.AsyncTools,
            provider.GetRequiredService<IOptions<ToolWorkStoreOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.Logger<DurableToolWorkProcessor>(),
            provider.GetService<IHostApplicationLifetime>()));
        services.AddSingleton<IHostedService>(static provider => provider.GetRequiredService<DurableToolWorkProcessor>());
    }

    // Records which store is registered, so a second call with the same store only configures.
    private sealed record StoreRegistration(Type StoreType);
}
