using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Webhooks;

/// <summary>Runs webhook handlers in the background and lets host shutdown wait briefly for those still running.</summary>
internal sealed class WebhookEventRunner : IHostedService, IDisposable
{
    /// <summary>The longest shutdown waits for running handlers before cancelling them.</summary>
    internal static readonly TimeSpan ShutdownGracePeriod = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WebhookEventRunner> _logger;
    private int _pending;
    private bool _disposed;
    private Task? _stop;
    private TaskCompletionSource? _idle;

    public WebhookEventRunner(TimeProvider timeProvider, ILogger<WebhookEventRunner> logger)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _stoppingToken = _stopping.Token;
    }

    /// <summary>Gets the number of handlers currently tracked.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    /// <summary>Starts work on the thread pool, without the caller's execution context, and tracks it until it completes.</summary>
    /// <param name="work">The work; it receives a token cancelled at forced shutdown and must not throw.</param>
    public void Run(Func<CancellationToken, Task> work)
    {
        lock (_gate)
        {
            _pending++;
        }

        // The request's execution context (HttpContext accessor, activity, log scopes) must not leak into background work.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => RunTrackedAsync(work));
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>
    /// A second stop (a host the app runs stops and disposes itself, and a test factory stops it again) waits for the first
    /// one; a stop after disposal without one does nothing, since disposal already cancelled the handlers.
    /// </remarks>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _stop ?? (_disposed ? Task.CompletedTask : _stop = StopOnceAsync(cancellationToken));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Registered both as itself and as a hosted service, so the container may dispose it twice.
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        Task idle;
        int pending;
        lock (_gate)
        {
            pending = _pending;
            idle = pending == 0 ? Task.CompletedTask : (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        if (pending > 0)
        {
            WebhookLog.WaitingForHandlers(_logger, pending, ShutdownGracePeriod.TotalMilliseconds);
            try
            {
                await idle.WaitAsync(ShutdownGracePeriod, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                WebhookLog.HandlersAbandoned(_logger, Pending);
            }
        }

        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while this stop waited for the handlers: disposal cancelled them before it disposed the source.
        }
    }

    private async Task RunTrackedAsync(Func<CancellationToken, Task> work)
    {
        try
        {
            await work(_stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            WebhookLog.BackgroundWorkFailed(_logger, ex);
        }
        finally
        {
            TaskCompletionSource? idle = null;
            lock (_gate)
            {
                if (--_pending == 0)
                {
                    idle = _idle;
                    _idle = null;
                }
            }

            idle?.TrySetResult();
        }
    }
}
