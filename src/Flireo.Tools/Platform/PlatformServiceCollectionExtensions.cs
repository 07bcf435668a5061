using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Platform;

/// <summary>Registers the Flireo platform clients; <c>AddFlireoTools</c> calls it.</summary>
internal static class PlatformServiceCollectionExtensions
{
    public static IServiceCollection AddFlireoPlatformClients(this IServiceCollection services)
    {
        services.TryAddSingleton<CallCommandLimiter>();
        services.TryAddSingleton<ResultAnnouncer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlireoToolsOptions>, FlireoApiOptionsValidator>());
        PlatformHttp.AddPlatformHttpClient<IFlireoCallControl, FlireoCallControl>(services);
        PlatformHttp.AddPlatformHttpClient<IFlireoAssistants, FlireoAssistants>(services);
        PlatformHttp.AddPlatformHttpClient<IFlireoToolTemplates, FlireoToolTemplates>(services);
        return services;
    }
}
