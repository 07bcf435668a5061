using System.Diagnostics.CodeAnalysis;
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
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlireoToolsOptions>, FlireoToolsOptionsAnnotationsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlireoToolsOptions>, FlireoToolsOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(CreateCatalog);
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

    // Reads the registered tool classes. They come only from ToolTypeRegistration, which only the tool registration methods
    // add: the reflection ones (AddTools, AddToolsFromAssembly, AddToolsFromAssemblyOf, AddPlugin) carry both attributes, and
    // the scan-free one (GeneratedToolRegistration) adds only the classes a generated catalog names, annotated for trimming.
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = TrimmingMessages.RegisteredTools)]
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode", Justification = TrimmingMessages.RegisteredTools)]
    private static ToolCatalog CreateCatalog(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
        return ToolCatalog.Create(
            provider.GetServices<ToolTypeRegistration>().Select(r => r.Type),
            options.UseGeneratedToolCatalog ? provider.GetServices<GeneratedCatalogRegistration>().SelectMany(r => r.Catalog.Tools) : [],
            options.SerializerOptions,
            provider.GetService<IServiceProviderIsService>());
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

        BindSettings(section, options);
    }

    // Each setting by name, so that the configuration binding generator writes the code (no reflection, docs/native-aot.md);
    // SerializerOptions is set in code only. A key that is absent keeps the value already there, as binding does.
    private static void BindSettings(IConfigurationSection section, FlireoToolsOptions options)
    {
        options.WebhookSecret = section.GetValue(nameof(options.WebhookSecret), options.WebhookSecret);
        foreach (var secret in section.GetSection(nameof(options.AdditionalWebhookSecrets)).Get<string[]>() ?? [])
        {
            options.AdditionalWebhookSecrets.Add(secret);
        }

        options.AllowUnsignedRequests = section.GetValue(nameof(options.AllowUnsignedRequests), options.AllowUnsignedRequests);
        options.BearerToken = section.GetValue(nameof(options.BearerToken), options.BearerToken);
        options.TimestampTolerance = section.GetValue(nameof(options.TimestampTolerance), options.TimestampTolerance);
        options.SyncTimeout = section.GetValue(nameof(options.SyncTimeout), options.SyncTimeout);
        options.AssistantRequestTimeout = section.GetValue(nameof(options.AssistantRequestTimeout), options.AssistantRequestTimeout);
        options.EventHandlerTimeout = section.GetValue(nameof(options.EventHandlerTimeout), options.EventHandlerTimeout);
        options.IncludeDetailedErrors = section.GetValue(nameof(options.IncludeDetailedErrors), options.IncludeDetailedErrors);
        options.MaxRequestBodySize = section.GetValue(nameof(options.MaxRequestBodySize), options.MaxRequestBodySize);
        options.MaxJsonDepth = section.GetValue(nameof(options.MaxJsonDepth), options.MaxJsonDepth);
        options.MaxResultSize = section.GetValue(nameof(options.MaxResultSize), options.MaxResultSize);
        options.MaxConcurrentToolCalls = section.GetValue(nameof(options.MaxConcurrentToolCalls), options.MaxConcurrentToolCalls);
        options.MaxToolCallsPerMessage = section.GetValue(nameof(options.MaxToolCallsPerMessage), options.MaxToolCallsPerMessage);
        options.ResponseCasing = section.GetValue(nameof(options.ResponseCasing), options.ResponseCasing);
        options.ErrorAnswer = section.GetValue(nameof(options.ErrorAnswer), options.ErrorAnswer);
        options.IdempotencyWindow = section.GetValue(nameof(options.IdempotencyWindow), options.IdempotencyWindow);
        options.IdempotencyCapacity = section.GetValue(nameof(options.IdempotencyCapacity), options.IdempotencyCapacity);
        options.UseGeneratedToolCatalog = section.GetValue(nameof(options.UseGeneratedToolCatalog), options.UseGeneratedToolCatalog);
        section.GetSection(nameof(options.AsyncTools)).Bind(options.AsyncTools);
        section.GetSection(nameof(options.Api)).Bind(options.Api);
    }
}
