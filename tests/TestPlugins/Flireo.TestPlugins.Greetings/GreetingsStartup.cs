using Flireo.Tools.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.TestPlugins.Greetings;

/// <summary>Registers the plugin's own service, configured from the host's configuration.</summary>
public sealed class GreetingsStartup : IFlireoToolsStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
        => services.AddSingleton<IGreetingFormatter>(new GreetingFormatter(configuration["Greetings:Salutation"] ?? "Hello"));
}
