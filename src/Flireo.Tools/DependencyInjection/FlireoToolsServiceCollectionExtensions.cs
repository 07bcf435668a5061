using Flireo.Tools;
using Flireo.Tools.Async;
using Flireo.Tools.DependencyInjection;
using Flireo.Tools.Invocation;
using Flireo.Tools.Platform;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Flireo.Tools in a service collection.</summary>
public static class FlireoToolsServiceCollectionExtensions
{
    /// <summary>Adds the Flireo tool catalog, router and async work queue; options bind from the <c>Flireo</c> configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes options after configuration binding, or <see langword="null"/>.</param>
    /// <returns>A builder to register tool classes and webhook handlers with.</returns>
    public static IFlireoToolsBuilder AddFlireoTools(this IServiceCollection services, Action<FlireoToolsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(ToolRouter)))
        {
            services.AddOptions<FlireoToolsOptions>()
                .Configure<IServiceProvider>(static (options, provider) => provider.GetService<IConfiguration>()?.GetSection(FlireoToolsOptions.SectionName).Bind(options))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlireoToolsOptions>, FlireoToolsOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(static provider => ToolCatalog.Create(
                provider.GetServices<ToolTypeRegistration>().Select(r => r.Type),
                provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value.SerializerOptions,
                provider.GetService<IServiceProviderIsService>()));
            services.TryAddSingleton(static provider => provider.CreateWithLogger<ToolExecutor>());
            services.TryAddSingleton(static provider => new ToolRouter(
                provider.GetRequiredService<ToolExecutor>(),
                provider.GetRequiredService<IToolWorkQueue>(),
                provider.GetRequiredService<IOptions<FlireoToolsOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.Logger<ToolRouter>()));
            services.TryAddSingleton<IToolWorkRunner>(static provider => provider.CreateWithLogger<ToolWorkRunner>());
            services.AddInProcessToolWorkQueue();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FlireoToolsStartupCheck>());
            services.AddFlireoWebhookDispatch();
            services.AddFlireoPlatformClients();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new FlireoToolsBuilder(services);
    }
}
