using Flireo.Tools.Async;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Sqlite;

/// <summary>Accepts async tool calls into a <see cref="SqliteToolWorkStore"/>: the call is committed to disk before the webhook is answered.</summary>
/// <remarks>
/// The queue keeps accepting calls while the host drains: they are stored and run after the restart. A call the database
/// cannot store (disk full, file locked for too long) is refused, so the caller gets an error instead of a lost acknowledgement.
/// </remarks>
internal sealed class SqliteToolWorkQueue : IToolWorkQueue, IToolWorkQueueStatus, IDisposable
{
    /// <summary>The <c>reason</c> of a call refused because the database could not store it.</summary>
    internal const string StoreUnavailable = "store_unavailable";

    private readonly SqliteToolWorkStore _store;
    private readonly ToolWorkSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private volatile bool _disposed;

    public SqliteToolWorkQueue(SqliteToolWorkStore store, ToolWorkSignal signal, TimeProvider timeProvider, ILogger<SqliteToolWorkQueue> logger)
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
    public int Count => ReadStatistics().Count;

    /// <inheritdoc />
    public DateTimeOffset? OldestEnqueuedAt => ReadStatistics().OldestEnqueuedAt;

    /// <inheritdoc />
    public int DeadLetterCount => ReadStatistics().DeadLetters;

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
            // Not cancelled by an aborted webhook: once the insert starts it either commits or fails, never half-done.
            result = await _store.EnqueueAsync(item, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            SqliteLog.EnqueueFailed(_logger, exception, item.ToolName, item.ToolCallId, item.CallId);
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

    private (int Count, DateTimeOffset? OldestEnqueuedAt, int DeadLetters) ReadStatistics()
    {
        try
        {
            return _store.ReadStatistics();
        }
        catch (Exception exception)
        {
            SqliteLog.StatusFailed(_logger, exception);
            return default;
        }
    }
}
