using Flireo.Tools.Async;
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
/// then run again (at least once rather than exactly once, for that case only).
/// </para>
/// <para>
/// All writes of a store go through one thread of its own (see <see cref="SqliteWriter"/>): new calls first, the bookkeeping
/// in short batches between them. So an acknowledgement never waits in SQLite's busy handler behind a completion, nor for a
/// thread-pool thread that a disk flush or running tools hold, and the write-ahead log is checkpointed in the background
/// rather than inside the committing transaction. Finished calls keep only their key (for de-duplication) until
/// <see cref="SqliteToolWorkQueueOptions.CompletedRetention"/> has passed. Calls that failed for good move to a
/// <c>dead_letters</c> table with their arguments and the last error.
/// </para>
/// <para>
/// Registered with <c>AddSqliteToolWorkQueue</c>, the store opens (creates the folder and the file, checks or upgrades the
/// schema) in the background after the host started, or when the first call needs it, so the open does not hold the host's start: new calls wait for it, and
/// a file that cannot be opened stops the host (see <see cref="IToolWorkLeaseStore.OpenAsync"/>). Constructed directly, it
/// opens in its constructor.
/// </para>
/// <para>
/// Several processes may share one file (each claims calls under its own lease), but the file must be on a local disk; their
/// writes then also wait for each other's transactions in SQLite's busy handler.
/// </para>
/// </remarks>
public sealed class SqliteToolWorkStore : IToolWorkDeadLetterStore, IToolWorkLeaseStore, IDisposable
{
    private readonly SqliteConnections _connections;
    private readonly SqliteWriter _writer;
    private readonly SqliteDeadLetters _deadLetters;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeSpan _retention;

    // Identifies this store's leases; a new process (or store) never renews or settles another one's leases.
    private readonly string _owner = Guid.NewGuid().ToString("N");

    // The open (folder, file, schema), started once: in the constructor, or by the first caller of OpenAsync.
    private readonly Lock _openGate = new();
    private Task? _opening;

    /// <summary>Initializes a new instance of the <see cref="SqliteToolWorkStore"/> class and creates or upgrades the database file.</summary>
    /// <param name="options">Where the file lives and how calls are leased and kept.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <exception cref="InvalidOperationException">The file cannot be opened (the folder cannot be created or written, the file is not a SQLite database, or its schema is newer than this version understands); the message names the file.</exception>
    public SqliteToolWorkStore(IOptions<SqliteToolWorkQueueOptions> options, TimeProvider? timeProvider = null, ILogger<SqliteToolWorkStore>? logger = null)
        : this(options, timeProvider, logger, openNow: true)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SqliteToolWorkStore"/> class that opens the file now, or when it is first asked to (<see cref="IToolWorkLeaseStore.OpenAsync"/>, in the background).</summary>
    internal SqliteToolWorkStore(IOptions<SqliteToolWorkQueueOptions> options, TimeProvider? timeProvider, ILogger? logger, bool openNow)
    {
        ArgumentNullException.ThrowIfNull(options);

        var value = options.Value;
        ArgumentException.ThrowIfNullOrWhiteSpace(value.DataDirectory, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(value.FileName, nameof(options));
        DatabasePath = Path.Combine(Path.GetFullPath(value.DataDirectory), value.FileName);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _leaseDuration = value.LeaseDuration;
        _retention = value.CompletedRetention;
        _connections = new SqliteConnections(DatabasePath);
        _writer = new SqliteWriter(_connections, _timeProvider);
        _deadLetters = new SqliteDeadLetters(_connections, _writer, _timeProvider, _logger);
        if (openNow)
        {
            Open();
            _opening = Task.CompletedTask;
        }
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Gets how many transactions of new calls have been committed (several calls may share one).</summary>
    internal long EnqueueCommitCount => _writer.CommitCount;

    /// <summary>Gets how many checkpoints the writer has started (for tests).</summary>
    internal long CheckpointCount => _writer.CheckpointCount;

    /// <summary>Gets or sets a callback run with the size of each batch of new calls once the writer has taken it, before its transaction begins (for tests).</summary>
    internal Func<int, Task>? BatchTaken
    {
        get => _writer.BatchTaken;
        set => _writer.BatchTaken = value;
    }

    /// <summary>Gets a value indicating whether the file is open (its schema created or checked).</summary>
    internal bool IsOpen => _opening is { IsCompletedSuccessfully: true };

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToolWorkDeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);
        return await _deadLetters.ListAsync(maxCount, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RetryDeadLetterAsync(string key, CancellationToken cancellationToken)
    {
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);
        return await _deadLetters.RetryAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteDeadLetterAsync(string key, CancellationToken cancellationToken)
    {
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);
        return await _deadLetters.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a call unless its key is known (waiting, running, finished within the retention, or a dead letter); committed before it returns.</summary>
    /// <remarks>
    /// Calls offered at the same time share a transaction (group commit); <paramref name="cancellationToken"/> withdraws a
    /// call only while it waits for its transaction.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The store was disposed before the call was written.</exception>
    internal ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken) =>
        IsOpen ? _writer.EnqueueAsync(item, cancellationToken) : EnqueueWhenOpenAsync(item, cancellationToken);

    /// <summary>Stops taking calls: calls still waiting for a transaction fail with <see cref="ObjectDisposedException"/>.</summary>
    /// <remarks>
    /// A transaction already being written is finished, and its callers get its outcome. Dead letters and leases are still
    /// served, so only the writing of new calls stops.
    /// </remarks>
    public void Dispose() => _writer.Dispose();

    /// <summary>Reads how many calls are unfinished, when the oldest was accepted and how many dead letters wait.</summary>
    /// <remarks>Before the file is open there is nothing to read: all zero.</remarks>
    internal (int Count, DateTimeOffset? OldestEnqueuedAt, int DeadLetters) ReadStatistics()
    {
        if (!IsOpen)
        {
            return (0, null, 0);
        }

        using var connection = _connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM work_items WHERE state = 0),
                   (SELECT MIN(enqueued_at) FROM work_items WHERE state = 0),
                   (SELECT COUNT(*) FROM dead_letters)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : SqliteSchema.FromUnixMilliseconds(reader.GetInt64(1)), reader.GetInt32(2));
    }

    /// <summary>Deletes finished calls older than the retention.</summary>
    /// <returns>How many were deleted.</returns>
    /// <remarks>Deletes in chunks, each a bookkeeping write of its own, so new calls are written in between.</remarks>
    internal async ValueTask<int> PruneAsync(CancellationToken cancellationToken)
    {
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = Now() - (long)_retention.TotalMilliseconds;
        var pruned = 0;
        int deleted;
        do
        {
            deleted = await _writer.WriteAsync(
                "DELETE FROM work_items WHERE key IN (SELECT key FROM work_items WHERE state = 1 AND completed_at <= $cutoff LIMIT $max)",
                command =>
                {
                    command.Parameters.AddWithValue("$cutoff", cutoff);
                    command.Parameters.AddWithValue("$max", SqliteWriter.MaxOperationRows);
                    return command.ExecuteNonQuery();
                },
                cancellationToken,
                SqliteWriter.MaxOperationRows).ConfigureAwait(false);
            pruned += deleted;
        }
        while (deleted == SqliteWriter.MaxOperationRows);

        if (pruned > 0)
        {
            SqliteLog.Pruned(_logger, pruned, _retention.TotalHours);
        }

        return pruned;
    }

    /// <inheritdoc />
    ValueTask IToolWorkLeaseStore.OpenAsync(CancellationToken cancellationToken) => new(WhenOpenAsync(cancellationToken));

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
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);

        // In chunks, each a bookkeeping write of its own, so new calls are written in between.
        var leases = new List<ToolWorkLease>();
        while (leases.Count < maxCount)
        {
            var chunk = Math.Min(maxCount - leases.Count, SqliteWriter.MaxOperationRows);
            var before = leases.Count;
            await _writer.WriteAsync(ClaimSql, command => ClaimChunk(command, chunk, leases), cancellationToken, chunk).ConfigureAwait(false);
            if (leases.Count - before < chunk)
            {
                break;
            }
        }

        // RETURNING gives rows in no particular order; run the oldest first.
        leases.Sort(static (a, b) => a.Item.EnqueuedAt.CompareTo(b.Item.EnqueuedAt));
        return leases;
    }

    async ValueTask IToolWorkLeaseStore.RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken)
    {
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);

        // By key (the running calls' rows, not a scan of the table), in chunks written between new calls.
        var until = Now() + (long)_leaseDuration.TotalMilliseconds;
        for (var start = 0; start < leases.Count; start += SqliteWriter.MaxOperationRows)
        {
            var first = start;
            var count = Math.Min(SqliteWriter.MaxOperationRows, leases.Count - start);
            await _writer.WriteAsync(
                "UPDATE work_items SET lease_until = $until WHERE key = $key AND lease_owner = $owner AND state = 0",
                command =>
                {
                    command.Parameters.AddWithValue("$owner", _owner);
                    command.Parameters.AddWithValue("$until", until);
                    var key = command.Parameters.Add("$key", SqliteType.Text);
                    var renewed = 0;
                    for (var i = first; i < first + count; i++)
                    {
                        key.Value = leases[i].Item.Key;
                        renewed += command.ExecuteNonQuery();
                    }

                    return renewed;
                },
                cancellationToken,
                count).ConfigureAwait(false);
        }
    }

    async ValueTask IToolWorkLeaseStore.CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken) =>
        await SettleAsync(
            """
            UPDATE work_items SET state = 1, completed_at = $now, lease_owner = NULL, lease_until = NULL,
                arguments_json = '', message_json = '', last_error = NULL
            WHERE key = $key AND lease_owner = $owner
            """,
            lease,
            delay: default,
            error: null,
            cancellationToken).ConfigureAwait(false);

    async ValueTask IToolWorkLeaseStore.RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken) =>
        await SettleAsync(
            """
            UPDATE work_items SET next_attempt_at = $now + $delay, lease_owner = NULL, lease_until = NULL, last_error = $error
            WHERE key = $key AND lease_owner = $owner
            """,
            lease,
            delay,
            outcome.Error,
            cancellationToken).ConfigureAwait(false);

    async ValueTask IToolWorkLeaseStore.DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken)
    {
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);
        await _deadLetters.MoveAsync(lease, _owner, outcome, cancellationToken).ConfigureAwait(false);
    }

    async ValueTask IToolWorkLeaseStore.ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken) =>
        await SettleAsync(
            """
            UPDATE work_items SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1, next_attempt_at = $now
            WHERE key = $key AND lease_owner = $owner
            """,
            lease,
            delay: default,
            error: null,
            cancellationToken).ConfigureAwait(false);

    async ValueTask<IReadOnlyList<ToolWorkItem>> IToolWorkLeaseStore.ListWaitingAsync(int maxCount, CancellationToken cancellationToken)
    {
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {SqliteSchema.ItemColumns} FROM work_items
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
                    items.Add(SqliteSchema.ReadItem(reader));
                }
            }

            return items;
        }
    }

    async ValueTask IToolWorkLeaseStore.MaintainAsync(CancellationToken cancellationToken) =>
        await PruneAsync(cancellationToken).ConfigureAwait(false);

    // Settles a lease (one row, by key, while this store still holds it) as a bookkeeping write.
    private async Task<int> SettleAsync(string sql, ToolWorkLease lease, TimeSpan delay, string? error, CancellationToken cancellationToken)
    {
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);
        var key = lease.Item.Key;
        var now = Now();
        return await _writer.WriteAsync(
            sql,
            command =>
            {
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.AddWithValue("$owner", _owner);
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$delay", (long)delay.TotalMilliseconds);
                command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
                return command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
    }

    private const string ClaimSql = $"""
        UPDATE work_items SET lease_owner = $owner, lease_until = $until, attempts = attempts + 1
        WHERE key IN (
            SELECT key FROM work_items
            WHERE state = 0 AND next_attempt_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
            ORDER BY next_attempt_at, enqueued_at
            LIMIT $max)
        RETURNING {SqliteSchema.ItemColumns}, attempts
        """;

    // Leases up to count due calls into leases (one UPDATE ... RETURNING of ClaimSql).
    private int ClaimChunk(SqliteCommand command, int count, List<ToolWorkLease> leases)
    {
        var now = Now();
        command.Parameters.AddWithValue("$owner", _owner);
        command.Parameters.AddWithValue("$until", now + (long)_leaseDuration.TotalMilliseconds);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$max", count);
        var claimed = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            leases.Add(new ToolWorkLease(SqliteSchema.ReadItem(reader), reader.GetInt32(8)));
            claimed++;
        }

        return claimed;
    }

    private long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    // Completes when the file is open, starting the open (on the thread pool) if nothing did; cancellation ends only this wait.
    private Task WhenOpenAsync(CancellationToken cancellationToken)
    {
        var opening = _opening;
        if (opening is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        if (opening is null)
        {
            lock (_openGate)
            {
                opening = _opening ??= Task.Run(Open, CancellationToken.None);
            }
        }

        return opening.WaitAsync(cancellationToken);
    }

    private async ValueTask<ToolWorkEnqueueResult> EnqueueWhenOpenAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        await WhenOpenAsync(cancellationToken).ConfigureAwait(false);
        return await _writer.EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
    }

    // Creates the folder, then creates, checks or upgrades the schema; a failure names the file.
    private void Open()
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            SqliteSchema.Initialize(_connections, DatabasePath, _logger);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new InvalidOperationException($"Cannot open the async work database '{DatabasePath}': {exception.Message}", exception);
        }

        SqliteLog.StoreOpened(_logger, DatabasePath);
    }
}
