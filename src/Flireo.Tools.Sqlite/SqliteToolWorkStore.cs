using Flireo.Tools.Async;
using Flireo.Tools.Protocol;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Sqlite;

/// <summary>Stores acknowledged async tool calls in a SQLite file (WAL); also opens an existing file to list and retry its dead letters.</summary>
/// <remarks>
/// <para>
/// A new call is committed with <c>synchronous=FULL</c> before it is acknowledged, so an acknowledged call survives a crash of
/// the process and of the machine. New calls offered at the same time share a transaction (group commit), so one disk flush
/// acknowledges many calls under load. The bookkeeping of running calls (claims, lease renewals, completions, retries,
/// dead letters, pruning) commits with <c>synchronous=NORMAL</c>: in WAL mode that survives a crash of the process, and the
/// next full commit makes it durable; a power loss or operating-system crash can undo the last few of them, and those calls
/// then run again (at least once rather than exactly once, for that case only). Without it every completion waited for a
/// disk flush of its own and held the write lock that acknowledgements wait for. Finished calls keep only their key (for de-duplication) until
/// <see cref="SqliteToolWorkQueueOptions.CompletedRetention"/> has passed. Calls that failed for good move to a
/// <c>dead_letters</c> table with their arguments and the last error.
/// </para>
/// <para>Several processes may share one file (each claims calls under its own lease), but the file must be on a local disk.</para>
/// </remarks>
public sealed class SqliteToolWorkStore : IToolWorkDeadLetterStore, IToolWorkLeaseStore, IDisposable
{
    // 1: keys were "call id/tool call id"; 2: keys are ToolWorkItem.Key (ids, tool name and arguments fingerprint).
    private const int SchemaVersion = 2;

    // The most calls written in one transaction; more wait for the next.
    private const int MaxEnqueueBatch = 256;

    // Every connection commits with a flush to disk, and waits for the write lock in SQLite's own busy handler (short,
    // growing sleeps) rather than Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms per try; 30 s as DefaultTimeout.
    private const string BusyAndSyncPragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";

    // The bookkeeping of running calls: durable once the process has written it, flushed by the next full commit.
    private const string BusyAndBookkeepingPragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    private const string ItemColumns = "key, tool_name, tool_call_id, call_id, arguments_json, message_json, casing, enqueued_at";

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeSpan _retention;

    // Identifies this store's leases; a new process (or store) never renews or settles another one's leases.
    private readonly string _owner = Guid.NewGuid().ToString("N");

    // Calls waiting for the writer; _writing is true while a writer task runs (at most one).
    private readonly Lock _pendingGate = new();
    private readonly Queue<PendingEnqueue> _pending = new();
    private bool _writing;
    private bool _disposed;
    private long _enqueueCommits;

    /// <summary>Initializes a new instance of the <see cref="SqliteToolWorkStore"/> class and creates or upgrades the database file.</summary>
    /// <param name="options">Where the file lives and how calls are leased and kept.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    public SqliteToolWorkStore(IOptions<SqliteToolWorkQueueOptions> options, TimeProvider? timeProvider = null, ILogger<SqliteToolWorkStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        var value = options.Value;
        ArgumentException.ThrowIfNullOrWhiteSpace(value.DataDirectory, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(value.FileName, nameof(options));
        var directory = Path.GetFullPath(value.DataDirectory);
        Directory.CreateDirectory(directory);
        DatabasePath = Path.Combine(directory, value.FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _leaseDuration = value.LeaseDuration;
        _retention = value.CompletedRetention;
        Initialize();
        SqliteLog.StoreOpened(_logger, DatabasePath);
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Gets how many transactions of new calls have been committed (several calls may share one).</summary>
    internal long EnqueueCommitCount => Interlocked.Read(ref _enqueueCommits);

    /// <summary>Gets or sets a callback run with the size of each batch of new calls once the writer has taken it, before its transaction begins (for tests).</summary>
    internal Func<int, Task>? BatchTaken { get; set; }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToolWorkDeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {ItemColumns}, attempts, status, error, dead_lettered_at FROM dead_letters ORDER BY dead_lettered_at, key LIMIT $max";
            command.Parameters.AddWithValue("$max", maxCount);
            var letters = new List<ToolWorkDeadLetter>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    letters.Add(new ToolWorkDeadLetter
                    {
                        Item = ReadItem(reader),
                        Attempts = reader.GetInt32(8),
                        Status = Enum.TryParse<ToolRunStatus>(reader.GetString(9), out var status) ? status : ToolRunStatus.Exception,
                        Error = reader.IsDBNull(10) ? null : reader.GetString(10),
                        DeadLetteredAt = FromUnixMilliseconds(reader.GetInt64(11)),
                    });
                }
            }

            return letters;
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> RetryDeadLetterAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = Now();
        var changed = await ExecuteInTransactionAsync(
            $"""
            INSERT OR IGNORE INTO work_items ({ItemColumns}, state, attempts, next_attempt_at)
            SELECT {ItemColumns}, 0, 0, $now FROM dead_letters WHERE key = $key;
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

        SqliteLog.DeadLetterRetried(_logger, key);
        return true;
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteDeadLetterAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var changed = await ExecuteAsync("DELETE FROM dead_letters WHERE key = $key", command => command.Parameters.AddWithValue("$key", key), cancellationToken).ConfigureAwait(false);
        if (changed > 0)
        {
            SqliteLog.DeadLetterDeleted(_logger, key);
        }

        return changed > 0;
    }

    /// <summary>Stores a call unless its key is known (waiting, running, finished within the retention, or a dead letter); committed before it returns.</summary>
    /// <remarks>
    /// Calls offered while a commit runs wait for it, then are written together in the next transaction (group commit):
    /// each call still returns only after the transaction holding it has been committed with <c>synchronous=FULL</c>.
    /// <paramref name="cancellationToken"/> withdraws a call only while it waits for its transaction; once the call is in
    /// one, it is committed or fails with it, and the caller gets that outcome.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The store was disposed before the call was written.</exception>
    internal async ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingEnqueue(item);
        bool startWriter;
        lock (_pendingGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.Enqueue(pending);
            startWriter = !_writing;
            _writing = true;
        }

        if (startWriter)
        {
            // No transaction was being written: this caller writes the next one itself (no thread hop when calls come one at a time).
            await WriteEnqueuedAsync(pending).ConfigureAwait(false);
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return await pending.Task.ConfigureAwait(false);
        }

        using (cancellationToken.UnsafeRegister(static (state, token) => ((PendingEnqueue)state!).TryWithdraw(new OperationCanceledException(token)), pending))
        {
            return await pending.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking calls: calls still waiting for a transaction fail with <see cref="ObjectDisposedException"/>.</summary>
    /// <remarks>
    /// A transaction already being written is finished, and its callers get its outcome. Dead letters and leases are still
    /// served, so only the writing of new calls stops.
    /// </remarks>
    public void Dispose()
    {
        PendingEnqueue[] waiting;
        lock (_pendingGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            waiting = [.. _pending];
            _pending.Clear();
        }

        foreach (var pending in waiting)
        {
            pending.TryWithdraw(new ObjectDisposedException(GetType().FullName, "The async work store was disposed before the call was written."));
        }
    }

    /// <summary>Reads how many calls are unfinished, when the oldest was accepted and how many dead letters wait.</summary>
    internal (int Count, DateTimeOffset? OldestEnqueuedAt, int DeadLetters) ReadStatistics()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM work_items WHERE state = 0),
                   (SELECT MIN(enqueued_at) FROM work_items WHERE state = 0),
                   (SELECT COUNT(*) FROM dead_letters)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : FromUnixMilliseconds(reader.GetInt64(1)), reader.GetInt32(2));
    }

    /// <summary>Deletes finished calls older than the retention.</summary>
    /// <returns>How many were deleted.</returns>
    internal async ValueTask<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = Now() - (long)_retention.TotalMilliseconds;
        var pruned = await ExecuteAsync(
            "DELETE FROM work_items WHERE state = 1 AND completed_at <= $cutoff",
            command => command.Parameters.AddWithValue("$cutoff", cutoff),
            cancellationToken,
            bookkeeping: true).ConfigureAwait(false);
        if (pruned > 0)
        {
            SqliteLog.Pruned(_logger, pruned, _retention.TotalHours);
        }

        return pruned;
    }

    /// <inheritdoc />
    ValueTask<ToolWorkEnqueueResult> IToolWorkLeaseStore.EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken) =>
        EnqueueAsync(item, cancellationToken);

    /// <inheritdoc />
    ToolWorkStoreStatistics IToolWorkLeaseStore.GetStatistics()
    {
        var (count, oldest, deadLetters) = ReadStatistics();
        return new ToolWorkStoreStatistics(count, oldest, deadLetters);
    }

    async ValueTask<IReadOnlyList<ToolWorkLease>> IToolWorkLeaseStore.ClaimAsync(int maxCount, CancellationToken cancellationToken)
    {
        var now = Now();
        var connection = await OpenAsync(cancellationToken, bookkeeping: true).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE work_items SET lease_owner = $owner, lease_until = $until, attempts = attempts + 1
                WHERE key IN (
                    SELECT key FROM work_items
                    WHERE state = 0 AND next_attempt_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                    ORDER BY next_attempt_at, enqueued_at
                    LIMIT $max)
                RETURNING {ItemColumns}, attempts
                """;
            command.Parameters.AddWithValue("$owner", _owner);
            command.Parameters.AddWithValue("$until", now + (long)_leaseDuration.TotalMilliseconds);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$max", maxCount);
            var leases = new List<ToolWorkLease>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    leases.Add(new ToolWorkLease(ReadItem(reader), reader.GetInt32(8)));
                }
            }

            // RETURNING gives rows in no particular order; run the oldest first.
            leases.Sort(static (a, b) => a.Item.EnqueuedAt.CompareTo(b.Item.EnqueuedAt));
            return leases;
        }
    }

    async ValueTask IToolWorkLeaseStore.RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE work_items SET lease_until = $until WHERE lease_owner = $owner AND state = 0",
            command =>
            {
                command.Parameters.AddWithValue("$owner", _owner);
                command.Parameters.AddWithValue("$until", Now() + (long)_leaseDuration.TotalMilliseconds);
            },
            cancellationToken,
            bookkeeping: true).ConfigureAwait(false);

    async ValueTask IToolWorkLeaseStore.CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            UPDATE work_items SET state = 1, completed_at = $now, lease_owner = NULL, lease_until = NULL,
                arguments_json = '', message_json = '', last_error = NULL
            WHERE key = $key AND lease_owner = $owner
            """,
            command => AddLease(command, lease),
            cancellationToken,
            bookkeeping: true).ConfigureAwait(false);

    async ValueTask IToolWorkLeaseStore.RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            UPDATE work_items SET next_attempt_at = $now + $delay, lease_owner = NULL, lease_until = NULL, last_error = $error
            WHERE key = $key AND lease_owner = $owner
            """,
            command =>
            {
                AddLease(command, lease);
                command.Parameters.AddWithValue("$delay", (long)delay.TotalMilliseconds);
                command.Parameters.AddWithValue("$error", (object?)outcome.Error ?? DBNull.Value);
            },
            cancellationToken,
            bookkeeping: true).ConfigureAwait(false);

    async ValueTask IToolWorkLeaseStore.DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken) =>
        await ExecuteInTransactionAsync(
            $"""
            INSERT OR REPLACE INTO dead_letters ({ItemColumns}, attempts, status, error, dead_lettered_at)
            SELECT {ItemColumns}, $attempts, $status, $error, $now FROM work_items WHERE key = $key AND lease_owner = $owner;
            DELETE FROM work_items WHERE key = $key AND lease_owner = $owner;
            """,
            command =>
            {
                AddLease(command, lease);
                command.Parameters.AddWithValue("$attempts", lease.Attempt);
                command.Parameters.AddWithValue("$status", outcome.Status.ToString());
                command.Parameters.AddWithValue("$error", (object?)outcome.Error ?? DBNull.Value);
            },
            cancellationToken,
            bookkeeping: true).ConfigureAwait(false);

    async ValueTask IToolWorkLeaseStore.ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            UPDATE work_items SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1, next_attempt_at = $now
            WHERE key = $key AND lease_owner = $owner
            """,
            command => AddLease(command, lease),
            cancellationToken,
            bookkeeping: true).ConfigureAwait(false);

    async ValueTask<IReadOnlyList<ToolWorkItem>> IToolWorkLeaseStore.ListWaitingAsync(int maxCount, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken, bookkeeping: true).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {ItemColumns} FROM work_items
                WHERE state = 0 AND (lease_until IS NULL OR lease_until <= $now)
                ORDER BY enqueued_at
                LIMIT $max
                """;
            command.Parameters.AddWithValue("$now", Now());
            command.Parameters.AddWithValue("$max", maxCount);
            var items = new List<ToolWorkItem>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(ReadItem(reader));
                }
            }

            return items;
        }
    }

    async ValueTask IToolWorkLeaseStore.MaintainAsync(CancellationToken cancellationToken) =>
        await PruneAsync(cancellationToken).ConfigureAwait(false);

    private static ToolWorkItem ReadItem(SqliteDataReader reader) => new()
    {
        ToolName = reader.GetString(1),
        ToolCallId = reader.GetString(2),
        CallId = reader.IsDBNull(3) ? null : reader.GetString(3),
        ArgumentsJson = reader.GetString(4),
        MessageJson = reader.GetString(5),
        Casing = (WebhookCasing)reader.GetInt32(6),
        EnqueuedAt = FromUnixMilliseconds(reader.GetInt64(7)),
    };

    private static DateTimeOffset FromUnixMilliseconds(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    private void AddLease(SqliteCommand command, ToolWorkLease lease)
    {
        command.Parameters.AddWithValue("$key", lease.Item.Key);
        command.Parameters.AddWithValue("$owner", _owner);
        command.Parameters.AddWithValue("$now", Now());
    }

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private void Initialize()
    {
        using var connection = Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        // One writer at a time: processes opening the same file together create or upgrade it once.
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The async work database '{DatabasePath}' has schema version {version}, newer than this version of Flireo.Tools.Sqlite understands ({SchemaVersion}). Upgrade Flireo.Tools.Sqlite or point DataDirectory at another folder.");
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
            SqliteLog.SchemaUpgraded(_logger, DatabasePath, version, SchemaVersion, rekeyed);
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

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = BusyAndSyncPragmas;
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken, bool bookkeeping = false)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = bookkeeping ? BusyAndBookkeepingPragmas : BusyAndSyncPragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken, bool bookkeeping = false)
    {
        var connection = await OpenAsync(cancellationToken, bookkeeping).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the waiting calls, up to <see cref="MaxEnqueueBatch"/> per transaction, until none wait.</summary>
    /// <param name="caller">
    /// The call of the caller writing inline, or <see langword="null"/> for a background writer. Once the caller's call is
    /// answered, calls still waiting are handed to a background writer, so the caller is not held up by later calls.
    /// </param>
    private async Task WriteEnqueuedAsync(PendingEnqueue? caller)
    {
        var batch = new List<PendingEnqueue>(MaxEnqueueBatch);
        while (true)
        {
            batch.Clear();
            lock (_pendingGate)
            {
                if (caller is not null && caller.Task.IsCompleted && _pending.Count > 0)
                {
                    break;
                }

                while (batch.Count < MaxEnqueueBatch && _pending.TryDequeue(out var pending))
                {
                    if (pending.TryTake())
                    {
                        batch.Add(pending);
                    }
                }

                if (batch.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }

            await WriteBatchAsync(batch).ConfigureAwait(false);
        }

        // The writer serves every caller: it must not carry this caller's activity or logging scope.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => WriteEnqueuedAsync(caller: null), CancellationToken.None);
        }
    }

    /// <summary>Inserts a batch of calls in one transaction, commits once, then answers each caller; never throws.</summary>
    private async Task WriteBatchAsync(List<PendingEnqueue> batch)
    {
        var results = new ToolWorkEnqueueResult[batch.Count];
        var errors = new Exception?[batch.Count];
        try
        {
            if (BatchTaken is { } batchTaken)
            {
                await batchTaken(batch.Count).ConfigureAwait(false);
            }

            var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = $"""
                        INSERT OR IGNORE INTO work_items ({ItemColumns}, state, attempts, next_attempt_at)
                        SELECT $key, $tool_name, $tool_call_id, $call_id, $arguments_json, $message_json, $casing, $enqueued_at, 0, 0, $now
                        WHERE NOT EXISTS (SELECT 1 FROM dead_letters WHERE key = $key)
                        """;
                    var key = command.Parameters.Add("$key", SqliteType.Text);
                    var toolName = command.Parameters.Add("$tool_name", SqliteType.Text);
                    var toolCallId = command.Parameters.Add("$tool_call_id", SqliteType.Text);
                    var callId = command.Parameters.Add("$call_id", SqliteType.Text);
                    var argumentsJson = command.Parameters.Add("$arguments_json", SqliteType.Text);
                    var messageJson = command.Parameters.Add("$message_json", SqliteType.Text);
                    var casing = command.Parameters.Add("$casing", SqliteType.Integer);
                    var enqueuedAt = command.Parameters.Add("$enqueued_at", SqliteType.Integer);
                    command.Parameters.AddWithValue("$now", Now());
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var item = batch[i].Item;
                        key.Value = item.Key;
                        toolName.Value = item.ToolName;
                        toolCallId.Value = item.ToolCallId;
                        callId.Value = (object?)item.CallId ?? DBNull.Value;
                        argumentsJson.Value = item.ArgumentsJson;
                        messageJson.Value = item.MessageJson;
                        casing.Value = (int)item.Casing;
                        enqueuedAt.Value = item.EnqueuedAt.ToUnixTimeMilliseconds();
                        try
                        {
                            var changed = await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                            results[i] = changed == 1 ? ToolWorkEnqueueResult.Accepted : ToolWorkEnqueueResult.Duplicate;
                        }
                        catch (SqliteException exception) when (IsInTransaction(connection))
                        {
                            // SQLite undid only this statement: this call fails, the others of the batch go on.
                            errors[i] = exception;
                        }
                    }

                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            Interlocked.Increment(ref _enqueueCommits);
        }
        catch (Exception exception)
        {
            // Nothing of the batch was committed: every call of it fails (with its own error where it had one).
            for (var i = 0; i < errors.Length; i++)
            {
                errors[i] ??= exception;
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error)
            {
                batch[i].TrySetException(error);
            }
            else
            {
                batch[i].TrySetResult(results[i]);
            }
        }
    }

    private static bool IsInTransaction(SqliteConnection connection) => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;

    /// <summary>Runs statements that must all take effect or none (a move between tables) in one transaction.</summary>
    private async ValueTask<int> ExecuteInTransactionAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken, bool bookkeeping = false)
    {
        var connection = await OpenAsync(cancellationToken, bookkeeping).ConfigureAwait(false);
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

    /// <summary>A call waiting to be written, and its caller's answer; taken into a batch or withdrawn, never both.</summary>
    private sealed class PendingEnqueue(ToolWorkItem item) : TaskCompletionSource<ToolWorkEnqueueResult>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        private const int Waiting = 0;
        private const int Taken = 1;
        private const int Withdrawn = 2;

        private int _state;

        public ToolWorkItem Item { get; } = item;

        /// <summary>Claims the call for a batch: from now on it is committed or fails with the batch.</summary>
        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

        /// <summary>Fails the call if no batch has taken it; the writer then skips it.</summary>
        public void TryWithdraw(Exception exception)
        {
            if (Interlocked.CompareExchange(ref _state, Withdrawn, Waiting) != Waiting)
            {
                return;
            }

            if (exception is OperationCanceledException canceled)
            {
                TrySetCanceled(canceled.CancellationToken);
            }
            else
            {
                TrySetException(exception);
            }
        }
    }
}
