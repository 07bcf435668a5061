using Flireo.Tools.Async;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Redis;

/// <summary>Accepts async tool calls into a <see cref="RedisToolWorkStore"/>: the call is in Redis before the webhook is answered.</summary>
/// <remarks>
/// A call Redis cannot take (unreachable, out of memory) is refused, so the caller gets an error instead of a lost
/// acknowledgement. The status reports what the processor read at its last maintenance (every poll interval or so).
/// </remarks>
internal sealed class RedisToolWorkQueue : IToolWorkQueue, IToolWorkQueueStatus, IDisposable
{
    /// <summary>The <c>reason</c> of a call refused because Redis could not store it.</summary>
    internal const string StoreUnavailable = "store_unavailable";

    private readonly RedisToolWorkStore _store;
    private readonly ToolWorkSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private volatile bool _disposed;

    public RedisToolWorkQueue(RedisToolWorkStore store, ToolWorkSignal signal, TimeProvider timeProvider, ILogger<RedisToolWorkQueue> logger)
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

    /// <inheritdoc />
    public int Count => _store.CachedStatistics.Count;

    /// <inheritdoc />
    public DateTimeOffset? OldestEnqueuedAt => _store.CachedStatistics.OldestEnqueuedAt;

    /// <inheritdoc />
    public int DeadLetterCount => _store.CachedStatistics.DeadLetters;

    /// <inheritdoc />
    public bool IsAcceptingWork => !_disposed;

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
            ToolWorkLog.WorkItemRejected(_logger, item.ToolName, item.ToolCallId, item.CallId, ToolWorkMetrics.ShuttingDown);
            return ToolWorkEnqueueResult.Rejected;
        }

        ToolWorkEnqueueResult result;
        try
        {
            result = await _store.EnqueueAsync(item).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            RedisLog.EnqueueFailed(_logger, exception, item.ToolName, item.ToolCallId, item.CallId);
            ToolWorkMetrics.RecordRejected(item.ToolName, StoreUnavailable);
            return ToolWorkEnqueueResult.Rejected;
        }

        if (result == ToolWorkEnqueueResult.Accepted)
        {
            ToolWorkLog.WorkItemAccepted(_logger, item.ToolName, item.ToolCallId, item.CallId);
            _signal.Notify();
        }
        else
        {
            ToolWorkMetrics.RecordDuplicate(item.ToolName);
            ToolWorkLog.WorkItemDuplicate(_logger, item.ToolName, item.ToolCallId, item.CallId);
        }

        return result;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ToolWorkMetrics.Untrack(this);
    }
}
