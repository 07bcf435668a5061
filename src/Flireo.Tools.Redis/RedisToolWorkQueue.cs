using Flireo.Tools.Async;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Redis;

/// <summary>Accepts async tool calls into a <see cref="RedisToolWorkStore"/>: the call is in Redis before the webhook is answered.</summary>
/// <remarks>
/// A call Redis cannot take (unreachable, out of memory) is refused, so the caller gets an error instead of a lost
/// acknowledgement. The status reports what the processor read at its last maintenance (every poll interval or so).
/// </remarks>
internal sealed class RedisToolWorkQueue : DurableToolWorkQueue<RedisToolWorkStore>
{
    public RedisToolWorkQueue(RedisToolWorkStore store, ToolWorkSignal signal, TimeProvider timeProvider, ILogger<RedisToolWorkQueue> logger)
        : base(store, signal, timeProvider, logger)
    {
    }

    /// <inheritdoc />
    public override int Count => Store.CachedStatistics.Count;

    /// <inheritdoc />
    public override DateTimeOffset? OldestEnqueuedAt => Store.CachedStatistics.OldestEnqueuedAt;

    /// <inheritdoc />
    public override int DeadLetterCount => Store.CachedStatistics.DeadLetters;

    /// <inheritdoc />
    protected override ValueTask<ToolWorkEnqueueResult> StoreAsync(ToolWorkItem item) => Store.EnqueueAsync(item);

    /// <inheritdoc />
    protected override void LogStoreFailed(Exception exception, ToolWorkItem item) =>
        RedisLog.EnqueueFailed(Logger, exception, item.ToolName, item.ToolCallId, item.CallId);
}
