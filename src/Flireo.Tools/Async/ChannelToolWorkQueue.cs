using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Async;

/// <summary>Holds acknowledged async tool calls in a bounded in-process channel; the default <see cref="IToolWorkQueue"/>.</summary>
/// <remarks>
/// Work is lost if the process crashes. Enqueueing never waits: a full queue or a queue that is shutting down rejects the
/// call, so the webhook can answer with an error instead of acknowledging work that will not run. A key
/// (<see cref="ToolWorkItem.Key"/>) is a duplicate while its call is unfinished and, after it finished, for
/// <see cref="FlireoToolsOptions.IdempotencyWindow"/> (at most <see cref="FlireoToolsOptions.IdempotencyCapacity"/> keys).
/// </remarks>
internal sealed class ChannelToolWorkQueue : IToolWorkQueue, IToolWorkQueueStatus, IDisposable
{
    private readonly Channel<ToolWorkItem> _channel;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ChannelToolWorkQueue> _logger;
    private readonly TimeSpan _dedupeWindow;
    private readonly int _dedupeCapacity;
    private readonly Lock _lock = new();

    // Unfinished calls in acceptance order (oldest first), and by key.
    private readonly LinkedList<PendingEntry> _pendingOrder = new();
    private readonly Dictionary<string, LinkedListNode<PendingEntry>> _pending = new(StringComparer.Ordinal);

    // Finished calls remembered for de-duplication, in finishing order (oldest first), and by key.
    private readonly Queue<FinishedEntry> _finishedOrder = new();
    private readonly Dictionary<string, DateTimeOffset> _finished = new(StringComparer.Ordinal);

    private volatile bool _accepting = true;
    private bool _disposed;

    public ChannelToolWorkQueue(IOptions<FlireoToolsOptions> options, TimeProvider timeProvider, ILogger<ChannelToolWorkQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var value = options.Value;
        _channel = Channel.CreateBounded<ToolWorkItem>(new BoundedChannelOptions(Math.Max(1, value.AsyncTools.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _timeProvider = timeProvider;
        _logger = logger;
        _dedupeWindow = value.IdempotencyWindow;
        _dedupeCapacity = Math.Max(0, value.IdempotencyCapacity);
        ToolWorkMetrics.Track(this, timeProvider);
    }

    private readonly record struct PendingEntry(string Key, DateTimeOffset AcceptedAt);

    private readonly record struct FinishedEntry(string Key, DateTimeOffset ExpiresAt);

    /// <summary>Gets the reader the <see cref="ToolWorkProcessor"/> drains.</summary>
    internal ChannelReader<ToolWorkItem> Reader => _channel.Reader;

    /// <inheritdoc />
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? OldestEnqueuedAt
    {
        get
        {
            lock (_lock)
            {
                return _pendingOrder.First?.Value.AcceptedAt;
            }
        }
    }

    /// <inheritdoc />
    public int DeadLetterCount => 0;

    /// <inheritdoc />
    public bool IsAcceptingWork => _accepting;

    /// <inheritdoc />
    public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ToolWorkEnqueueResult>(cancellationToken);
        }

        var now = _timeProvider.GetUtcNow();
        if (item.EnqueuedAt == default)
        {
            item = item with { EnqueuedAt = now };
        }

        var key = item.Key;
        ToolWorkEnqueueResult result;
        string? rejectReason = null;
        lock (_lock)
        {
            if (!_accepting)
            {
                result = ToolWorkEnqueueResult.Rejected;
                rejectReason = ToolWorkMetrics.ShuttingDown;
            }
            else
            {
                ForgetExpired(now);
                if (_pending.ContainsKey(key) || _finished.ContainsKey(key))
                {
                    result = ToolWorkEnqueueResult.Duplicate;
                }
                else if (!_channel.Writer.TryWrite(item))
                {
                    result = ToolWorkEnqueueResult.Rejected;
                    rejectReason = ToolWorkMetrics.QueueFull;
                }
                else
                {
                    _pending.Add(key, _pendingOrder.AddLast(new PendingEntry(key, now)));
                    result = ToolWorkEnqueueResult.Accepted;
                }
            }
        }

        switch (result)
        {
            case ToolWorkEnqueueResult.Accepted:
                ToolWorkLog.WorkItemAccepted(_logger, item.ToolName, item.ToolCallId, item.CallId);
                break;
            case ToolWorkEnqueueResult.Duplicate:
                ToolWorkMetrics.RecordDuplicate(item.ToolName);
                ToolWorkLog.WorkItemDuplicate(_logger, item.ToolName, item.ToolCallId, item.CallId);
                break;
            default:
                ToolWorkMetrics.RecordRejected(item.ToolName, rejectReason!);
                ToolWorkLog.WorkItemRejected(_logger, item.ToolName, item.ToolCallId, item.CallId, rejectReason!);
                break;
        }

        return ValueTask.FromResult(result);
    }

    /// <summary>Records that a call has finished (succeeded or failed for good), so its key is remembered, not pending.</summary>
    /// <param name="item">The call taken from <see cref="Reader"/>.</param>
    internal void MarkFinished(ToolWorkItem item)
    {
        var key = item.Key;
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_pending.Remove(key, out var node))
            {
                _pendingOrder.Remove(node);
            }

            ForgetExpired(now);
            if (_dedupeCapacity == 0 || _dedupeWindow <= TimeSpan.Zero)
            {
                return;
            }

            while (_finishedOrder.Count >= _dedupeCapacity)
            {
                Forget(_finishedOrder.Dequeue());
            }

            var expiresAt = now + _dedupeWindow;
            _finished[key] = expiresAt;
            _finishedOrder.Enqueue(new FinishedEntry(key, expiresAt));
        }
    }

    /// <summary>Stops accepting calls; calls already accepted can still be read.</summary>
    internal void Complete()
    {
        lock (_lock)
        {
            _accepting = false;
            _channel.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        Complete();
        ToolWorkMetrics.Untrack(this);
    }

    private void ForgetExpired(DateTimeOffset now)
    {
        while (_finishedOrder.TryPeek(out var oldest) && oldest.ExpiresAt <= now)
        {
            Forget(_finishedOrder.Dequeue());
        }
    }

    private void Forget(FinishedEntry entry)
    {
        // A key remembered again later has a newer expiry; only the entry that matches is removed.
        if (_finished.TryGetValue(entry.Key, out var expiresAt) && expiresAt == entry.ExpiresAt)
        {
            _finished.Remove(entry.Key);
        }
    }
}
