using Flireo.Tools;
using Flireo.Tools.Async;
using Flireo.Tools.Dashboard;
using Flireo.Tools.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Flireo dashboard in a service collection.</summary>
public static class FlireoDashboardServiceCollectionExtensions
{
    /// <summary>Adds the services of the Flireo dashboard (recent calls, async runs, anti-forgery); map it with <c>MapFlireoDashboard</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes options after binding from the <c>Flireo:Dashboard</c> configuration section, or <see langword="null"/>.</param>
    /// <returns>The same service collection.</returns>
    /// <remarks>
    /// Adds the Flireo.Tools services when <c>AddFlireoTools</c> was not called yet (it can still be called, before or
    /// after, to register tools). The dashboard records the router's calls (see <see cref="FlireoDashboardOptions.RecentCalls"/>)
    /// and wraps the registered <see cref="IToolWorkRunner"/> to list running async calls: a runner registered after this
    /// call replaces that wrapper. Calling it again only applies <paramref name="configure"/>.
    /// </remarks>
    public static IServiceCollection AddFlireoDashboard(this IServiceCollection services, Action<FlireoDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(static d => d.ServiceType == typeof(RecentCallRecorder)))
        {
            services.AddFlireoTools();
            services.AddOptions<FlireoDashboardOptions>()
                .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(FlireoDashboardOptions.SectionName).Bind(options))
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlireoDashboardOptions>, FlireoDashboardOptionsValidator>());
            services.AddAntiforgery();
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton(static provider => new RecentCallRecorder(
                provider.GetRequiredService<ToolCatalog>(),
                provider.GetRequiredService<IOptions<FlireoDashboardOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILogger<RecentCallRecorder>>() ?? Logging.Abstractions.NullLogger<RecentCallRecorder>.Instance,
                provider.GetService<IHostEnvironment>()));
            services.AddSingleton<IToolCallFilter>(static provider => provider.GetRequiredService<RecentCallRecorder>());
            services.AddSingleton(static provider => new AsyncRunTracker(provider.GetRequiredService<TimeProvider>()));
            services.AddSingleton<DashboardMappings>();
            services.AddSingleton(static provider => new DashboardPages(provider));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DashboardStartupCheck>());
            TrackRunner(services);
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }

    // Wraps the registered runner (the core's ToolWorkRunner unless replaced) so each async run is seen.
    private static void TrackRunner(IServiceCollection services)
    {
        var registered = services.LastOrDefault(static d => d.ServiceType == typeof(IToolWorkRunner) && !d.IsKeyedService);
        if (registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton<IToolWorkRunner>(provider => new TrackingToolWorkRunner(Create(registered, provider), provider.GetRequiredService<AsyncRunTracker>()));
    }

    private static IToolWorkRunner Create(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (IToolWorkRunner)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
