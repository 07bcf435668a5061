using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Loading;

/// <summary>Registers a tool plugin's own services when the self-hosted server or the CLI loads it.</summary>
/// <remarks>Implement it on a public class with a public parameterless constructor in the tool assembly; every implementation found runs once, before the host is built.</remarks>
public interface IFlireoToolsStartup
{
    /// <summary>Adds the services the plugin's tool classes need.</summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="configuration">The host's configuration, for connection strings and settings.</param>
    void ConfigureServices(IServiceCollection services, IConfiguration configuration);
}
