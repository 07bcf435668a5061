using Flireo.Tools.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.Webhooks;

/// <summary>Registers the services that dispatch the assistant-request, status-update and end-of-call-report webhooks.</summary>
internal static class WebhookServiceCollectionExtensions
{
    /// <summary>Registers the dispatcher and the background runner once; safe to call repeatedly.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddFlireoWebhookDispatch(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WebhookHandlerOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => provider.CreateWithLogger<WebhookEventRunner>());
        services.TryAddSingleton(static provider => provider.CreateWithLogger<WebhookDispatcher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookEventRunner>(static sp => sp.GetRequiredService<WebhookEventRunner>()));
        return services;
    }
}
