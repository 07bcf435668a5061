using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Async;

/// <summary>Accepts async tool calls into an <see cref="IToolWorkLeaseStore"/>: the call is stored before the webhook is answered.</summary>
/// <remarks>
/// A call waits, within its webhook's cancellation, for the store to be open (<see cref="IToolWorkLeaseStore.OpenAsync"/>,
/// started by the first call or by the processor after its start). A call the store cannot take (it threw, or it could not
/// be opened) is refused with <see cref="StoreUnavailable"/>, so the caller gets an error instead of a lost
/// acknowledgement; a stored call wakes the <see cref="DurableToolWorkProcessor"/>; a call already stored is counted as a
/// duplicate. The queue keeps accepting calls while the host drains (they run after the restart, or on
/// another process sharing the store), except in front of the <see cref="InMemoryToolWorkStore"/>, which refuses them from
/// the stop on (reason <c>shutting_down</c>): they would be lost. After disposal calls are refused.
/// </remarks>
internal sealed class DurableToolWorkQueue : IToolWorkQueue, IToolWorkQueueStatus, IDisposable
{
    /// <summary>The <c>reason</c> of a call refused because the store could not take it.</summary>
    internal const string StoreUnavailable = "store_unavailable";

    private readonly IToolWorkLeaseStore _store;
    private readonly ToolWorkSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DurableToolWorkQueue> _logger;
    private volatile bool _disposed;

    // The store's open, asked for once (the store shares one open between its callers).
    private Task? _opening;

    public DurableToolWorkQueue(IToolWorkLeaseStore store, ToolWorkSignal signal, TimeProvider timeProvider, ILogger<DurableToolWorkQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _store = store;
        _signal = signal;
        _timeProvider = timeProvider;
        _logger = logger;
        ToolWorkMetrics.Track(this, timeProvider);
    }

    /// <summary>Gets the store the calls are written to.</summary>
    internal IToolWorkLeaseStore Store => _store;

    /// <summary>Gets the store's open: completes when the store is open, fails when it cannot be opened.</summary>
    internal Task Opening => _opening ??= _store.OpenAsync(CancellationToken.None).AsTask();

    /// <inheritdoc />
    public int Count => ReadStatistics().Count;

    /// <inheritdoc />
    public DateTimeOffset? OldestEnqueuedAt => ReadStatistics().OldestEnqueuedAt;

    /// <inheritdoc />
    public int DeadLetterCount => ReadStatistics().DeadLetterCount;

    /// <inheritdoc />
    public bool IsAcceptingWork => !_disposed && _store is not InMemoryToolWorkStore { IsAcceptingWork: false };

    /// <inheritdoc />
    public async ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        cancellationToken.ThrowIfCancellationRequested();
        if (item.EnqueuedAt == default)
        {
            item = item with { EnqueuedAt = _timeProvider.GetUtcNow() };
        }

        if (_disposed)
        {
            return Reject(item, ToolWorkMetrics.ShuttingDown);
        }

        var opening = Opening;
        if (!opening.IsCompletedSuccessfully)
        {
            try
            {
                await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                ToolWorkLog.StoreRefused(_logger, exception, item.ToolName, item.ToolCallId, item.CallId, _store.GetType().Name);
                ToolWorkMetrics.RecordRejected(item.ToolName, StoreUnavailable);
                return ToolWorkEnqueueResult.Rejected;
            }
        }

        ToolWorkEnqueueResult result;
        try
        {
            // Not cancelled by an aborted webhook: once the write starts it either stores the call or fails, never half-done.
            result = await _store.EnqueueAsync(item, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            ToolWorkLog.StoreRefused(_logger, exception, item.ToolName, item.ToolCallId, item.CallId, _store.GetType().Name);
            ToolWorkMetrics.RecordRejected(item.ToolName, StoreUnavailable);
            return ToolWorkEnqueueResult.Rejected;
        }

        switch (result)
        {
            case ToolWorkEnqueueResult.Accepted:
                ToolWorkLog.WorkItemAccepted(_logger, item.ToolName, item.ToolCallId, item.CallId);
                _signal.Notify();
                break;
            case ToolWorkEnqueueResult.Duplicate:
                ToolWorkMetrics.RecordDuplicate(item.ToolName);
                ToolWorkLog.WorkItemDuplicate(_logger, item.ToolName, item.ToolCallId, item.CallId);
                break;
            default:
                return Reject(item, IsAcceptingWork ? ToolWorkMetrics.QueueFull : ToolWorkMetrics.ShuttingDown);
        }

        return result;
    }

    /// <summary>Stops accepting calls and removes the queue from the depth and age gauges.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ToolWorkMetrics.Untrack(this);
    }

    private ToolWorkEnqueueResult Reject(ToolWorkItem item, string reason)
    {
        ToolWorkMetrics.RecordRejected(item.ToolName, reason);
        ToolWorkLog.WorkItemRejected(_logger, item.ToolName, item.ToolCallId, item.CallId, reason);
        return ToolWorkEnqueueResult.Rejected;
    }

    private ToolWorkStoreStatistics ReadStatistics()
    {
        if (!Opening.IsCompletedSuccessfully)
        {
            // Nothing to read before the store is open (or when it cannot be opened).
            return default;
        }

        try
        {
            return _store.GetStatistics();
        }
        catch (Exception exception)
        {
            ToolWorkLog.StoreStatusFailed(_logger, exception, _store.GetType().Name);
            return default;
        }
    }
}
