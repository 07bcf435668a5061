using Flireo.Tools.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MyTools;

/// <summary>Registers the services the tools need. Runs in the self-hosted server, in flireo-tools, and in your own app
/// through <c>AddFlireoTools().AddToolsFromAssemblyOf&lt;OpeningHoursTools&gt;()</c>.</summary>
public sealed class ToolsStartup : IFlireoToolsStartup
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
        => services.TryAddSingleton<IOpeningHoursSchedule, SampleOpeningHoursSchedule>();
}
