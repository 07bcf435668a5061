using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>Kestrel on the user's address, running <see cref="FrontApplication"/> instead of the front host's own (empty) pipeline.</summary>
/// <param name="kestrel">The Kestrel server the front host registered.</param>
/// <param name="application">The application that hands requests to the current generation.</param>
internal sealed class FrontServer(IServer kestrel, FrontApplication application) : IServer
{
    public IFeatureCollection Features => kestrel.Features;

    public Task StartAsync<TContext>(IHttpApplication<TContext> ignored, CancellationToken cancellationToken)
        where TContext : notnull
        => kestrel.StartAsync(application, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => kestrel.StopAsync(cancellationToken);

    public void Dispose() => kestrel.Dispose();
}
