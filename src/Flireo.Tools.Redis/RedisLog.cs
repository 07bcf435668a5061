using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Redis;

/// <summary>Log messages of the Redis work queue (event ids 2200–2299).</summary>
internal static partial class RedisLog
{
    [LoggerMessage(2200, LogLevel.Information, "Async tool calls are stored in Redis stream {Stream} as consumer {Consumer}")]
    internal static partial void StoreOpened(ILogger logger, string stream, string consumer);

    [LoggerMessage(2202, LogLevel.Warning, "Took over {Count} async call(s) from consumers silent for longer than {ClaimTimeoutMs} ms")]
    internal static partial void TookOver(ILogger logger, int count, double claimTimeoutMs);

    [LoggerMessage(2203, LogLevel.Information, "Dead letter {Key} queued again")]
    internal static partial void DeadLetterRetried(ILogger logger, string key);

    [LoggerMessage(2204, LogLevel.Information, "Dead letter {Key} deleted")]
    internal static partial void DeadLetterDeleted(ILogger logger, string key);

    [LoggerMessage(2205, LogLevel.Warning, "Stream entry {EntryId} is not a readable async call and was dropped")]
    internal static partial void UnreadableEntry(ILogger logger, string entryId);
}
