using Flireo.Tools.Async;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Sqlite;

/// <summary>Moves failed calls to the <c>dead_letters</c> table, and lists, retries and deletes them.</summary>
internal sealed class SqliteDeadLetters(SqliteConnections connections, SqliteWriter writer, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Lists dead letters, oldest first.</summary>
    public async ValueTask<IReadOnlyList<ToolWorkDeadLetter>> ListAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SqliteSchema.ItemColumns}, attempts, status, error, dead_lettered_at FROM dead_letters ORDER BY dead_lettered_at, key LIMIT $max";
            command.Parameters.AddWithValue("$max", maxCount);
            var letters = new List<ToolWorkDeadLetter>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    letters.Add(new ToolWorkDeadLetter
                    {
                        Item = SqliteSchema.ReadItem(reader),
                        Attempts = reader.GetInt32(8),
                        Status = Enum.TryParse<ToolRunStatus>(reader.GetString(9), out var status) ? status : ToolRunStatus.Exception,
                        Error = reader.IsDBNull(10) ? null : reader.GetString(10),
                        DeadLetteredAt = SqliteSchema.FromUnixMilliseconds(reader.GetInt64(11)),
                    });
                }
            }

            return letters;
        }
    }

    /// <summary>Moves a dead letter back to the calls due at once, from attempt 1; its key stays known.</summary>
    public async ValueTask<bool> RetryAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var changed = await connections.ExecuteInTransactionAsync(
            $"""
            INSERT OR IGNORE INTO work_items ({SqliteSchema.ItemColumns}, state, attempts, next_attempt_at)
            SELECT {SqliteSchema.ItemColumns}, 0, 0, $now FROM dead_letters WHERE key = $key;
            DELETE FROM dead_letters WHERE key = $key;
            """,
            command =>
            {
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.AddWithValue("$now", now);
            },
            cancellationToken).ConfigureAwait(false);
        if (changed == 0)
        {
            return false;
        }

        SqliteLog.DeadLetterRetried(logger, key);
        return true;
    }

    /// <summary>Deletes a dead letter.</summary>
    public async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var changed = await connections.ExecuteAsync("DELETE FROM dead_letters WHERE key = $key", command => command.Parameters.AddWithValue("$key", key), cancellationToken).ConfigureAwait(false);
        if (changed > 0)
        {
            SqliteLog.DeadLetterDeleted(logger, key);
        }

        return changed > 0;
    }

    /// <summary>Moves a call from the work items to the dead letters, with its last outcome, while <paramref name="owner"/> holds its lease.</summary>
    /// <remarks>Written by the writer thread with the bookkeeping; both statements take effect or neither.</remarks>
    public async ValueTask MoveAsync(ToolWorkLease lease, string owner, ToolRunOutcome outcome, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await writer.WriteAsync(
            $"""
            INSERT OR REPLACE INTO dead_letters ({SqliteSchema.ItemColumns}, attempts, status, error, dead_lettered_at)
            SELECT {SqliteSchema.ItemColumns}, $attempts, $status, $error, $now FROM work_items WHERE key = $key AND lease_owner = $owner;
            DELETE FROM work_items WHERE key = $key AND lease_owner = $owner;
            """,
            command =>
            {
                command.Parameters.AddWithValue("$key", lease.Item.Key);
                command.Parameters.AddWithValue("$owner", owner);
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$attempts", lease.Attempt);
                command.Parameters.AddWithValue("$status", outcome.Status.ToString());
                command.Parameters.AddWithValue("$error", (object?)outcome.Error ?? DBNull.Value);
                return command.ExecuteNonQuery();
            },
            cancellationToken,
            rows: 2,
            atomic: true).ConfigureAwait(false);
    }
}
