using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>The server of one generation of <c>--watch</c>: it listens nowhere; the front server hands it requests, and stopping it waits for those still running.</summary>
/// <remarks>
/// Its addresses are the front's, so the generation's banner and health show the URL the user calls. Stopping works as
/// Kestrel's does: no new requests are taken, and the stop waits for the running ones until the host's shutdown timeout,
/// then aborts what is left.
/// </remarks>
internal sealed class GenerationServer : IServer
{
    private readonly Lock _lock = new();
    private readonly HashSet<IFeatureCollection> _running = [];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IGenerationApplication? _application;
    private bool _stopping;

    public GenerationServer(IEnumerable<string> addresses)
    {
        var feature = new ServerAddressesFeature();
        foreach (var address in addresses)
        {
            feature.Addresses.Add(address);
        }

        Features.Set<IServerAddressesFeature>(feature);
    }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <summary>Gets the number of requests the generation is handling.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running.Count;
            }
        }
    }

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        lock (_lock)
        {
            _application = new GenerationApplication<TContext>(application);
        }

        return Task.CompletedTask;
    }

    /// <summary>Takes a request unless the generation is stopping.</summary>
    /// <param name="features">The request's features, to abort it if the stop times out.</param>
    /// <returns>The generation's pipeline, or <see langword="null"/> when it no longer takes requests.</returns>
    public IGenerationApplication? TryEnter(IFeatureCollection features)
    {
        lock (_lock)
        {
            if (_stopping || _application is null)
            {
                return null;
            }

            _running.Add(features);
            return _application;
        }
    }

    /// <summary>Marks a request taken with <see cref="TryEnter"/> as finished.</summary>
    /// <param name="features">The request's features.</param>
    public void Exit(IFeatureCollection features)
    {
        lock (_lock)
        {
            if (_running.Remove(features) && _stopping && _running.Count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _stopping = true;
            if (_running.Count == 0)
            {
                _drained.TrySetResult();
            }
        }

        try
        {
            await _drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout passed (for example an MCP client holding a stream open): abort, as Kestrel does.
            IFeatureCollection[] left;
            lock (_lock)
            {
                left = [.. _running];
            }

            foreach (var features in left)
            {
                features.Get<IHttpRequestLifetimeFeature>()?.Abort();
            }
        }

        lock (_lock)
        {
            // The pipeline holds the generation's services and tool types: let them go so its load context can unload.
            _application = null;
        }
    }

    public void Dispose()
    {
    }
}
