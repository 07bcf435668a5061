using Flireo.Tools.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.TestPlugins.Journal;

/// <summary>Registers the journal settings from <c>Journal:File</c> and <c>Journal:Gate</c> of the host's configuration.</summary>
public sealed class JournalStartup : IFlireoToolsStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(new JournalSettings(
            configuration["Journal:File"] ?? throw new InvalidOperationException("Journal:File is not configured."),
            configuration["Journal:Gate"] ?? throw new InvalidOperationException("Journal:Gate is not configured.")));
}
