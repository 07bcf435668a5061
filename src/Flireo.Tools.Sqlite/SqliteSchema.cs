using Flireo.Tools.Async;
using Flireo.Tools.Protocol;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Sqlite;

/// <summary>Creates and upgrades the tables of the work database, and reads a stored call from a row.</summary>
internal static class SqliteSchema
{
    // 1: keys were "call id/tool call id"; 2: keys are ToolWorkItem.Key (ids, tool name and arguments fingerprint).
    internal const int SchemaVersion = 2;

    /// <summary>The columns of a stored call, in the order <see cref="ReadItem"/> reads them.</summary>
    internal const string ItemColumns = "key, tool_name, tool_call_id, call_id, arguments_json, message_json, casing, enqueued_at";

    /// <summary>Creates the tables, or upgrades them from an older schema version, in one transaction.</summary>
    /// <exception cref="InvalidOperationException">The file has a newer schema than this version understands.</exception>
    internal static void Initialize(SqliteConnections connections, string databasePath, ILogger logger)
    {
        using var connection = connections.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        // A file at the current version needs no write (and no disk flush): the common restart.
        using (var current = connection.CreateCommand())
        {
            current.CommandText = "PRAGMA user_version;";
            if (Convert.ToInt32(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == SchemaVersion)
            {
                return;
            }
        }

        // One writer at a time: processes opening the same file together create or upgrade it once.
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The async work database '{databasePath}' has schema version {version}, newer than this version of Flireo.Tools.Sqlite understands ({SchemaVersion}). Upgrade Flireo.Tools.Sqlite or point DataDirectory at another folder.");
        }

        command.CommandText = """
            CREATE TABLE IF NOT EXISTS work_items (
                key TEXT NOT NULL PRIMARY KEY,
                tool_name TEXT NOT NULL,
                tool_call_id TEXT NOT NULL,
                call_id TEXT NULL,
                arguments_json TEXT NOT NULL,
                message_json TEXT NOT NULL,
                casing INTEGER NOT NULL,
                enqueued_at INTEGER NOT NULL,
                state INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                lease_owner TEXT NULL,
                lease_until INTEGER NULL,
                last_error TEXT NULL,
                completed_at INTEGER NULL
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS ix_work_items_due ON work_items (state, next_attempt_at);
            CREATE INDEX IF NOT EXISTS ix_work_items_completed ON work_items (state, completed_at);
            CREATE TABLE IF NOT EXISTS dead_letters (
                key TEXT NOT NULL PRIMARY KEY,
                tool_name TEXT NOT NULL,
                tool_call_id TEXT NOT NULL,
                call_id TEXT NULL,
                arguments_json TEXT NOT NULL,
                message_json TEXT NOT NULL,
                casing INTEGER NOT NULL,
                enqueued_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                status TEXT NOT NULL,
                error TEXT NULL,
                dead_lettered_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
        if (version == 1)
        {
            var rekeyed = Rekey(connection, transaction, "work_items") + Rekey(connection, transaction, "dead_letters");
            SqliteLog.SchemaUpgraded(logger, databasePath, version, SchemaVersion, rekeyed);
        }

        command.CommandText = $"PRAGMA user_version = {SchemaVersion};";
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Gives every row of a version 1 table its <see cref="ToolWorkItem.Key"/>; waiting, running and finished rows keep their state.</summary>
    /// <returns>How many rows got a new key.</returns>
    private static int Rekey(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        var keys = new List<(string Old, string New)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT {ItemColumns} FROM {table}";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var old = reader.GetString(0);
                var key = ReadItem(reader).Key;
                if (!string.Equals(old, key, StringComparison.Ordinal))
                {
                    keys.Add((old, key));
                }
            }
        }

        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"UPDATE {table} SET key = $new WHERE key = $old";
        var oldKey = update.Parameters.Add("$old", SqliteType.Text);
        var newKey = update.Parameters.Add("$new", SqliteType.Text);
        foreach (var (old, key) in keys)
        {
            oldKey.Value = old;
            newKey.Value = key;
            update.ExecuteNonQuery();
        }

        return keys.Count;
    }

    /// <summary>Reads the stored call of a row selected with <see cref="ItemColumns"/> first.</summary>
    /// <remarks><c>message_json</c> holds <see cref="ToolWorkItem.ContextJson"/>; rows stored by earlier versions hold the raw message, which the runner still reads.</remarks>
    internal static ToolWorkItem ReadItem(SqliteDataReader reader) => new()
    {
        ToolName = reader.GetString(1),
        ToolCallId = reader.GetString(2),
        CallId = reader.IsDBNull(3) ? null : reader.GetString(3),
        ArgumentsJson = reader.GetString(4),
        ContextJson = reader.GetString(5),
        Casing = (WebhookCasing)reader.GetInt32(6),
        EnqueuedAt = FromUnixMilliseconds(reader.GetInt64(7)),
    };

    internal static DateTimeOffset FromUnixMilliseconds(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);
}
