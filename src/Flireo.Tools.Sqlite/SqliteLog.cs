using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Sqlite;

/// <summary>Log messages of the SQLite work queue (event ids 2100–2199).</summary>
internal static partial class SqliteLog
{
    [LoggerMessage(2100, LogLevel.Information, "Async tool calls are stored in {DatabasePath}")]
    internal static partial void StoreOpened(ILogger logger, string databasePath);

    [LoggerMessage(2102, LogLevel.Debug, "Pruned {Count} finished async call(s) older than {RetentionHours} h")]
    internal static partial void Pruned(ILogger logger, int count, double retentionHours);

    [LoggerMessage(2103, LogLevel.Information, "Dead letter {Key} queued again")]
    internal static partial void DeadLetterRetried(ILogger logger, string key);

    [LoggerMessage(2104, LogLevel.Information, "Dead letter {Key} deleted")]
    internal static partial void DeadLetterDeleted(ILogger logger, string key);

    [LoggerMessage(2106, LogLevel.Information, "Upgraded the async work database {DatabasePath} from schema version {From} to {To}; {Rekeyed} stored call(s) got the new retry key")]
    internal static partial void SchemaUpgraded(ILogger logger, string databasePath, int from, int to, int rekeyed);
}
