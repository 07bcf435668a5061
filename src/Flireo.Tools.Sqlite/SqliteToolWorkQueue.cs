using Flireo.Tools.Async;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Sqlite;

/// <summary>Accepts async tool calls into a <see cref="SqliteToolWorkStore"/>: the call is committed to disk before the webhook is answered.</summary>
/// <remarks>
/// The queue keeps accepting calls while the host drains: they are stored and run after the restart. A call the database
/// cannot store (disk full, file locked for too long) is refused, so the caller gets an error instead of a lost acknowledgement.
/// </remarks>
internal sealed class SqliteToolWorkQueue : DurableToolWorkQueue<SqliteToolWorkStore>
{
    public SqliteToolWorkQueue(SqliteToolWorkStore store, ToolWorkSignal signal, TimeProvider timeProvider, ILogger<SqliteToolWorkQueue> logger)
        : base(store, signal, timeProvider, logger)
    {
    }

    /// <inheritdoc />
    public override int Count => ReadStatistics().Count;

    /// <inheritdoc />
    public override DateTimeOffset? OldestEnqueuedAt => ReadStatistics().OldestEnqueuedAt;

    /// <inheritdoc />
    public override int DeadLetterCount => ReadStatistics().DeadLetters;

    /// <inheritdoc />
    /// <remarks>Not cancelled by an aborted webhook: once the insert starts it either commits or fails, never half-done.</remarks>
    protected override ValueTask<ToolWorkEnqueueResult> StoreAsync(ToolWorkItem item) => Store.EnqueueAsync(item, CancellationToken.None);

    /// <inheritdoc />
    protected override void LogStoreFailed(Exception exception, ToolWorkItem item) =>
        SqliteLog.EnqueueFailed(Logger, exception, item.ToolName, item.ToolCallId, item.CallId);

    private (int Count, DateTimeOffset? OldestEnqueuedAt, int DeadLetters) ReadStatistics()
    {
        try
        {
            return Store.ReadStatistics();
        }
        catch (Exception exception)
        {
            SqliteLog.StatusFailed(Logger, exception);
            return default;
        }
    }
}
