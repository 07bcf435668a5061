using Microsoft.Data.Sqlite;

namespace Flireo.Tools.Sqlite;

/// <summary>Opens connections to the work database with the pragmas each kind of use needs, and runs simple statements.</summary>
/// <remarks>
/// New calls commit with <c>synchronous=FULL</c> (flushed before they are acknowledged); the bookkeeping of running calls
/// commits with <c>synchronous=NORMAL</c> (see <see cref="SqliteToolWorkStore"/>). Both are written by <see cref="SqliteWriter"/>.
/// </remarks>
internal sealed class SqliteConnections
{
    // Every connection waits for the write lock in SQLite's own busy handler (short, growing sleeps) rather than
    // Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms per try; 30 s as DefaultTimeout. Within one store only
    // other processes (and dead-letter commands) can hold the lock: the store's own writes go through one thread.
    private const string SyncPragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 1000;";

    // The writer's connections leave checkpoints to SqliteWriter's background checkpoint, so a commit never copies the log.
    private const string EnqueuePragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 0;";

    // The bookkeeping of running calls: durable once the process has written it, flushed by the next full commit.
    private const string BookkeepingPragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 0;";

    private readonly string _databasePath;

    // Built at the first open, on the thread that opens the store: Microsoft.Data.Sqlite is not loaded while the host starts.
    private string? _connectionString;

    public SqliteConnections(string databasePath)
    {
        _databasePath = databasePath;
    }

    private string ConnectionString => _connectionString ??= new SqliteConnectionStringBuilder
    {
        DataSource = _databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>What a connection is opened for, which sets its pragmas.</summary>
    internal enum Purpose
    {
        /// <summary>Reads, the schema, dead-letter commands and checkpoints: commits flushed to disk.</summary>
        Default,

        /// <summary>The writer's transactions of new calls: flushed to disk on commit, no checkpoint on commit.</summary>
        Enqueue,

        /// <summary>The writer's bookkeeping transactions: not flushed on their own, no checkpoint on commit.</summary>
        Bookkeeping,
    }

    /// <summary>Tells whether the connection is inside a transaction (a failed statement undid only itself).</summary>
    internal static bool IsInTransaction(SqliteConnection connection) => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;

    /// <summary>Opens a connection with the pragmas of <paramref name="purpose"/>.</summary>
    internal SqliteConnection Open(Purpose purpose = Purpose.Default)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = Pragmas(purpose);
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a connection whose writes are flushed to disk on commit (reads and dead-letter commands).</summary>
    internal async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = SyncPragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs one statement on a connection of its own and returns how many rows it changed.</summary>
    internal async ValueTask<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs statements that must all take effect or none (a move between tables) in one transaction.</summary>
    internal async ValueTask<int> ExecuteInTransactionAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                bind(command);
                var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return changed;
            }
        }
    }

    private static string Pragmas(Purpose purpose) => purpose switch
    {
        Purpose.Enqueue => EnqueuePragmas,
        Purpose.Bookkeeping => BookkeepingPragmas,
        _ => SyncPragmas,
    };
}
