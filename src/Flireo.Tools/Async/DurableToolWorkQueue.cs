using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Async;

/// <summary>Accepts async tool calls into a durable store: the call is stored before the webhook is answered.</summary>
/// <remarks>
/// The common part of the durable queues (SQLite, Redis): a call the store cannot take is refused with
/// <see cref="StoreUnavailable"/>, so the caller gets an error instead of a lost acknowledgement; a stored call wakes the
/// <see cref="DurableToolWorkProcessor"/>; a call already stored is counted as a duplicate. After disposal calls are refused.
/// </remarks>
/// <typeparam name="TStore">The type of the store the calls are written to.</typeparam>
internal abstract class DurableToolWorkQueue<TStore> : IToolWorkQueue, IToolWorkQueueStatus, IDisposable
    where TStore : class
{
    /// <summary>The <c>reason</c> of a call refused because the store could not take it.</summary>
    internal const string StoreUnavailable = "store_unavailable";

    private readonly ToolWorkSignal _signal;
    private readonly TimeProvider _timeProvider;
    private volatile bool _disposed;

    protected DurableToolWorkQueue(TStore store, ToolWorkSignal signal, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        Store = store;
        _signal = signal;
        _timeProvider = timeProvider;
        Logger = logger;
        ToolWorkMetrics.Track(this, timeProvider);
    }

    /// <inheritdoc />
    public abstract int Count { get; }

    /// <inheritdoc />
    public abstract DateTimeOffset? OldestEnqueuedAt { get; }

    /// <inheritdoc />
    public abstract int DeadLetterCount { get; }

    /// <inheritdoc />
    public bool IsAcceptingWork => !_disposed;

    /// <summary>Gets the store the calls are written to.</summary>
    protected TStore Store { get; }

    /// <summary>Gets the logger of the concrete queue.</summary>
    protected ILogger Logger { get; }

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
            ToolWorkMetrics.RecordRejected(item.ToolName, ToolWorkMetrics.ShuttingDown);
            ToolWorkLog.WorkItemRejected(Logger, item.ToolName, item.ToolCallId, item.CallId, ToolWorkMetrics.ShuttingDown);
            return ToolWorkEnqueueResult.Rejected;
        }

        ToolWorkEnqueueResult result;
        try
        {
            result = await StoreAsync(item).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogStoreFailed(exception, item);
            ToolWorkMetrics.RecordRejected(item.ToolName, StoreUnavailable);
            return ToolWorkEnqueueResult.Rejected;
        }

        if (result == ToolWorkEnqueueResult.Accepted)
        {
            ToolWorkLog.WorkItemAccepted(Logger, item.ToolName, item.ToolCallId, item.CallId);
            _signal.Notify();
        }
        else
        {
            ToolWorkMetrics.RecordDuplicate(item.ToolName);
            ToolWorkLog.WorkItemDuplicate(Logger, item.ToolName, item.ToolCallId, item.CallId);
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

    /// <summary>Writes one call to the store; an exception refuses the call.</summary>
    /// <param name="item">The call, with its enqueue time set.</param>
    /// <returns>Whether the call was stored or already there.</returns>
    protected abstract ValueTask<ToolWorkEnqueueResult> StoreAsync(ToolWorkItem item);

    /// <summary>Logs that the store refused a call (the concrete queue's own message).</summary>
    /// <param name="exception">What the store threw.</param>
    /// <param name="item">The call refused.</param>
    protected abstract void LogStoreFailed(Exception exception, ToolWorkItem item);
}
