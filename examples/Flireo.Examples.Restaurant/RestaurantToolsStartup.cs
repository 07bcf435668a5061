using Flireo.Tools.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Restaurant;

/// <summary>Registers the restaurant services when the self-hosted Flireo.Tools server loads this assembly as a plugin.</summary>
/// <remarks>The server finds the tool classes itself; this class only adds what their constructors need.</remarks>
public sealed class RestaurantToolsStartup : IFlireoToolsStartup
{
    /// <summary>Adds the restaurant services, bound from the host's <c>Restaurant</c> configuration section.</summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="configuration">The host's configuration.</param>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
        => services.AddRestaurantServices(configuration);
}
