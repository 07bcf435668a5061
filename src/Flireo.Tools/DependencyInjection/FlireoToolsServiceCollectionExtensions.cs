using Flireo.Tools;
using Flireo.Tools.Async;
using Flireo.Tools.DependencyInjection;
using Flireo.Tools.Invocation;
using Flireo.Tools.Platform;
using Flireo.Tools.Protocol;
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
                .Configure<IServiceProvider>(static (options, provider) => Bind(options, provider.GetService<IConfiguration>()))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlireoToolsOptions>, FlireoToolsOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(static provider =>
            {
                var options = provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
                return ToolCatalog.Create(
                    provider.GetServices<ToolTypeRegistration>().Select(r => r.Type),
                    options.UseGeneratedToolCatalog ? provider.GetServices<GeneratedCatalogRegistration>().SelectMany(r => r.Catalog.Tools) : [],
                    options.SerializerOptions,
                    provider.GetService<IServiceProviderIsService>());
            });
            services.TryAddSingleton(static provider => provider.CreateWithLogger<ToolExecutor>());
            services.TryAddSingleton(static provider => new ToolRouter(
                provider.GetRequiredService<ToolExecutor>(),
                provider.GetRequiredService<IToolWorkQueue>(),
                provider.GetRequiredService<IOptions<FlireoToolsOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.Logger<ToolRouter>(),
                provider.GetRequiredService<Flireo.Tools.Platform.ResultAnnouncer>(),
                provider.GetServices<IToolCallFilter>()));
            services.TryAddSingleton<IToolWorkRunner>(static provider => provider.CreateWithLogger<ToolWorkRunner>());
            services.AddInProcessToolWorkQueue();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FlireoToolsStartupCheck>());
            services.AddFlireoWebhookDispatch();

            // Created on first use, not at startup: an app without webhooks (MCP only) needs no webhook secret.
            services.TryAddSingleton(static provider => FlireoWebhookHandler.Create(provider));
            services.AddFlireoPlatformClients();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new FlireoToolsBuilder(services);
    }

    private static void Bind(FlireoToolsOptions options, IConfiguration? configuration)
    {
        if (configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(FlireoToolsOptions.SectionName);

        // The binder's own message for a misspelt enum names neither the choices nor the fix.
        var errorAnswer = section[nameof(FlireoToolsOptions.ErrorAnswer)];
        if (!string.IsNullOrEmpty(errorAnswer) && !Enum.TryParse<ErrorAnswer>(errorAnswer, ignoreCase: true, out _))
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(FlireoToolsOptions), [$"Flireo:ErrorAnswer must be one of ResultAndError (the default), Error or Result (got '{errorAnswer}')."]);
        }

        section.Bind(options);
    }
}
