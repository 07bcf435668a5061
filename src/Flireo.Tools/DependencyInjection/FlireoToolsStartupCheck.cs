using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.DependencyInjection;

/// <summary>Builds the tool catalog when the host starts, so invalid tools stop the app before it takes traffic.</summary>
internal sealed class FlireoToolsStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(ToolCatalog));
        _ = services.GetService(typeof(ToolRouter));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
