using Flireo.Tools.Async;
using Flireo.Tools.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>A SQLite work queue file in a temporary folder, created by the real store, with dead letters added to its table.</summary>
/// <remarks>The store offers no public way to fail a call, so rows go straight into its <c>dead_letters</c> table.</remarks>
internal sealed class DeadLetterDatabase : IDisposable
{
    private DeadLetterDatabase(string directory, string path)
    {
        Directory = directory;
        DatabasePath = path;
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public static DeadLetterDatabase Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("flireo-cli-queue-").FullName;
        var store = OpenStore(directory);
        return new DeadLetterDatabase(directory, store.DatabasePath);
    }

    public SqliteToolWorkStore OpenStore() => OpenStore(Directory);

    /// <summary>Adds a dead letter under the key the store gives such a call, and returns that key.</summary>
    public string AddDeadLetter(string callId, string toolCallId, string toolName, string argumentsJson, string error, int attempts, DateTimeOffset deadLetteredAt)
    {
        var key = new ToolWorkItem { ToolName = toolName, ToolCallId = toolCallId, CallId = callId, ArgumentsJson = argumentsJson, ContextJson = "{}" }.Key;
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dead_letters (key, tool_name, tool_call_id, call_id, arguments_json, message_json, casing, enqueued_at, attempts, status, error, dead_lettered_at)
            VALUES ($key, $tool, $toolCallId, $callId, $arguments, '{}', 0, $enqueued, $attempts, 'Exception', $error, $at)
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$tool", toolName);
        command.Parameters.AddWithValue("$toolCallId", toolCallId);
        command.Parameters.AddWithValue("$callId", callId);
        command.Parameters.AddWithValue("$arguments", argumentsJson);
        command.Parameters.AddWithValue("$enqueued", deadLetteredAt.AddMinutes(-1).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$attempts", attempts);
        command.Parameters.AddWithValue("$error", error);
        command.Parameters.AddWithValue("$at", deadLetteredAt.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        return key;
    }

    public long CountQueued(string key)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM work_items WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static SqliteToolWorkStore OpenStore(string directory) => new(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = directory }));

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
