using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>The lifetime of one generation of <c>--watch</c>: the watcher starts and stops it, not Ctrl+C, and it writes nothing.</summary>
internal sealed class GenerationLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
