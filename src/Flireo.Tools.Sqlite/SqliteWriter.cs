using Flireo.Tools.Async;
using Microsoft.Data.Sqlite;

namespace Flireo.Tools.Sqlite;

/// <summary>Writes to the work database from one thread of its own: new calls in shared transactions (group commit), each committed before its caller is answered, and the bookkeeping of running calls in transactions of their own.</summary>
/// <remarks>
/// <para>
/// Every write of this store goes through this thread, so its writes never wait for each other inside SQLite (whose busy
/// handler sleeps 1 to 100 ms per try) and no thread-pool thread is held while the disk flushes. New calls go first: a
/// new call waits at most for the transaction being written and one bounded batch of bookkeeping, never for the work of
/// running calls. When both wait, they take turns, so a steady stream of new calls cannot hold completions back.
/// </para>
/// <para>
/// The thread ends after 10 seconds without writes (at once when the store is disposed) and starts again with the next
/// write. The writer connections do not checkpoint the write-ahead log on commit (SQLite's automatic checkpoint runs inside
/// the committing transaction); a passive checkpoint runs on the thread pool instead, at most once a second while writes go on
/// and once more about a second after the last write, so every commit reaches the disk soon after it was made.
/// </para>
/// </remarks>
internal sealed class SqliteWriter : IDisposable
{
    // The most calls written in one transaction; more wait for the next.
    private const int MaxEnqueueBatch = 256;

    // The most rows the bookkeeping writes of one transaction may touch (each write says how many it may): keeps the wait
    // of a new call behind that transaction short.
    internal const int MaxOperationRows = 128;

    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CheckpointRunningWait = TimeSpan.FromMilliseconds(50);

    private readonly SqliteConnections _connections;
    private readonly TimeProvider _timeProvider;

    // Writes waiting for the thread; _running is true while the thread runs (at most one). Guarded by _gate (Monitor, for Wait/Pulse).
    private readonly object _gate = new();
    private readonly Queue<PendingEnqueue> _pending = new();
    private readonly Queue<PendingWrite> _operations = new();
    private bool _running;
    private bool _disposed;
    private long _enqueueCommits;

    // Owned by the writer thread.
    private SqliteConnection? _enqueueConnection;
    private SqliteConnection? _operationConnection;
    // Created by the writer thread, so constructing the store does not load Microsoft.Data.Sqlite.
    private Dictionary<string, SqliteCommand>? _commands;
    private bool _operationsTurn;
    private long _lastCheckpoint;
    private int _checkpointing;

    // A commit came after the last checkpoint started: one is owed once CheckpointInterval has passed, writes or not.
    private bool _checkpointOwed;
    private long _checkpoints;

    public SqliteWriter(SqliteConnections connections, TimeProvider timeProvider)
    {
        _connections = connections;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets how many transactions of new calls have been committed (several calls may share one).</summary>
    public long CommitCount => Interlocked.Read(ref _enqueueCommits);

    /// <summary>Gets how many checkpoints have been started (for tests).</summary>
    internal long CheckpointCount => Interlocked.Read(ref _checkpoints);

    /// <summary>Gets or sets a callback run with the size of each batch of new calls once the writer has taken it, before its transaction begins (for tests).</summary>
    /// <remarks>The writer thread waits for the returned task.</remarks>
    public Func<int, Task>? BatchTaken { get; set; }

    /// <summary>Stores a call unless its key is known (waiting, running, finished within the retention, or a dead letter); committed before it returns.</summary>
    /// <remarks>
    /// Calls offered while a commit runs wait for it, then are written together in the next transaction (group commit):
    /// each call still returns only after the transaction holding it has been committed with <c>synchronous=FULL</c>.
    /// <paramref name="cancellationToken"/> withdraws a call only while it waits for its transaction; once the call is in
    /// one, it is committed or fails with it, and the caller gets that outcome.
    /// </remarks>
    /// <exception cref="ObjectDisposedException">The store was disposed before the call was written.</exception>
    public async ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingEnqueue(item);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(SqliteToolWorkStore));
            _pending.Enqueue(pending);
            WakeLocked();
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

    /// <summary>Runs a bookkeeping write (claims, renewals, settling, pruning) on the writer thread, committed with <c>synchronous=NORMAL</c>.</summary>
    /// <param name="sql">The statements; the writer keeps one prepared command per text, so each is parsed once.</param>
    /// <param name="write">
    /// Sets the parameters of the command it is given (with <paramref name="sql"/>, in the transaction, no parameters) and
    /// runs it. When it throws, only its caller gets the exception and the others of the batch go on: SQLite undoes the
    /// failed statement, and with <paramref name="atomic"/> a savepoint undoes every statement of the write.
    /// </param>
    /// <param name="cancellationToken">Checked before the write is queued.</param>
    /// <param name="rows">The most rows the write may touch, up to <see cref="MaxOperationRows"/>; writes share a transaction up to that many rows.</param>
    /// <param name="atomic">Whether the write runs several statements that must all take effect or none (a move between tables).</param>
    /// <returns>What <paramref name="write"/> returned, once its transaction has been committed.</returns>
    /// <remarks>Still served after <see cref="Dispose"/>: only new calls stop.</remarks>
    public Task<T> WriteAsync<T>(string sql, Func<SqliteCommand, T> write, CancellationToken cancellationToken, int rows = 1, bool atomic = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(sql, write, rows, atomic);
        lock (_gate)
        {
            _operations.Enqueue(pending);
            WakeLocked();
        }

        return pending.Task;
    }

    /// <summary>Stops taking calls: calls still waiting for a transaction fail with <see cref="ObjectDisposedException"/>.</summary>
    /// <remarks>A transaction already being written is finished, and its callers get its outcome; bookkeeping writes are still served.</remarks>
    public void Dispose()
    {
        PendingEnqueue[] waiting;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            waiting = [.. _pending];
            _pending.Clear();
            Monitor.Pulse(_gate);
        }

        foreach (var pending in waiting)
        {
            pending.TryWithdraw(new ObjectDisposedException(typeof(SqliteToolWorkStore).FullName, "The async work store was disposed before the call was written."));
        }
    }

    // Called under _gate: starts the writer thread, or wakes it when it waits for work.
    private void WakeLocked()
    {
        if (_running)
        {
            Monitor.Pulse(_gate);
            return;
        }

        _running = true;

        // The thread serves every caller: it must not carry this caller's activity or logging scope.
        using (ExecutionContext.SuppressFlow())
        {
            new Thread(Run) { IsBackground = true, Name = "Flireo SQLite writer" }.Start();
        }
    }

    private void Run()
    {
        var batch = new List<PendingEnqueue>(MaxEnqueueBatch);
        var operations = new List<PendingWrite>();
        try
        {
            while (TakeWork(batch, operations))
            {
                if (batch.Count > 0)
                {
                    WriteBatch(batch);
                    batch.Clear();
                }
                else if (operations.Count > 0)
                {
                    WriteOperations(operations);
                    operations.Clear();
                }

                // After a write, or with nothing to write when an owed checkpoint is due.
                RequestCheckpoint();
            }
        }
        finally
        {
            DropConnection(ref _enqueueConnection);
            DropOperationConnection();
        }
    }

    // Takes the next batch of new calls or of bookkeeping writes; false (and the thread ends) once idle for IdleTimeout, or at once when disposed.
    private bool TakeWork(List<PendingEnqueue> batch, List<PendingWrite> operations)
    {
        lock (_gate)
        {
            while (true)
            {
                // New calls first, except that bookkeeping gets every other turn while both wait.
                if (_pending.Count > 0 && !(_operationsTurn && _operations.Count > 0))
                {
                    while (batch.Count < MaxEnqueueBatch && _pending.TryDequeue(out var pending))
                    {
                        if (pending.TryTake())
                        {
                            batch.Add(pending);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        _operationsTurn = true;
                        return true;
                    }

                    continue;
                }

                if (_operations.Count > 0)
                {
                    var rows = 0;
                    while (_operations.TryPeek(out var operation) && (operations.Count == 0 || rows + operation.Rows <= MaxOperationRows))
                    {
                        operations.Add(_operations.Dequeue());
                        rows += operation.Rows;
                    }

                    _operationsTurn = false;
                    return true;
                }

                // Commits since the last checkpoint are flushed by one that starts at most CheckpointInterval after that
                // one, even when no write comes to request it.
                var wait = IdleTimeout;
                if (_checkpointOwed && !_disposed)
                {
                    var due = CheckpointInterval - _timeProvider.GetElapsedTime(_lastCheckpoint);
                    if (due <= TimeSpan.Zero && Volatile.Read(ref _checkpointing) == 0)
                    {
                        return true;
                    }

                    // Due while the last one still runs: look again shortly.
                    wait = due <= TimeSpan.Zero ? CheckpointRunningWait : due < wait ? due : wait;
                }

                if ((_disposed || !Monitor.Wait(_gate, wait)) && (_disposed || !_checkpointOwed))
                {
                    if (_pending.Count == 0 && _operations.Count == 0)
                    {
                        _running = false;
                        return false;
                    }
                }
            }
        }
    }

    /// <summary>Inserts a batch of calls in one transaction, commits once, then answers each caller; never throws.</summary>
    private void WriteBatch(List<PendingEnqueue> batch)
    {
        var results = new ToolWorkEnqueueResult[batch.Count];
        var errors = new Exception?[batch.Count];
        try
        {
            if (BatchTaken is { } batchTaken)
            {
                batchTaken(batch.Count).GetAwaiter().GetResult();
            }

            var connection = _enqueueConnection ??= _connections.Open(SqliteConnections.Purpose.Enqueue);
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT OR IGNORE INTO work_items ({SqliteSchema.ItemColumns}, state, attempts, next_attempt_at)
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
            command.Parameters.AddWithValue("$now", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i].Item;
                key.Value = item.Key;
                toolName.Value = item.ToolName;
                toolCallId.Value = item.ToolCallId;
                callId.Value = (object?)item.CallId ?? DBNull.Value;
                argumentsJson.Value = item.ArgumentsJson;
                messageJson.Value = item.ContextJson;
                casing.Value = (int)item.Casing;
                enqueuedAt.Value = item.EnqueuedAt.ToUnixTimeMilliseconds();
                try
                {
                    var changed = command.ExecuteNonQuery();
                    results[i] = changed == 1 ? ToolWorkEnqueueResult.Accepted : ToolWorkEnqueueResult.Duplicate;
                }
                catch (SqliteException exception) when (SqliteConnections.IsInTransaction(connection))
                {
                    // SQLite undid only this statement: this call fails, the others of the batch go on.
                    errors[i] = exception;
                }
            }

            transaction.Commit();
            Interlocked.Increment(ref _enqueueCommits);
        }
        catch (Exception exception)
        {
            // Nothing of the batch was committed: every call of it fails (with its own error where it had one).
            for (var i = 0; i < errors.Length; i++)
            {
                errors[i] ??= exception;
            }

            DropConnection(ref _enqueueConnection);
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

    /// <summary>Runs a batch of bookkeeping writes in one transaction, each under its own savepoint, commits once, then answers each caller; never throws.</summary>
    private void WriteOperations(List<PendingWrite> operations)
    {
        var errors = new Exception?[operations.Count];
        try
        {
            var connection = _operationConnection ??= _connections.Open(SqliteConnections.Purpose.Bookkeeping);
            using var transaction = connection.BeginTransaction(deferred: false);
            for (var i = 0; i < operations.Count; i++)
            {
                var operation = operations[i];
                if (operation.Atomic)
                {
                    transaction.Save("write");
                }

                try
                {
                    var command = Command(connection, operation.Sql);
                    command.Transaction = transaction;
                    command.Parameters.Clear();
                    operation.Run(command);
                    if (operation.Atomic)
                    {
                        transaction.Release("write");
                    }
                }
                catch (Exception exception) when (SqliteConnections.IsInTransaction(connection))
                {
                    // Only this write is undone: its caller fails, the others of the batch go on.
                    errors[i] = exception;
                    if (operation.Atomic)
                    {
                        transaction.Rollback("write");
                        transaction.Release("write");
                    }
                }
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            for (var i = 0; i < errors.Length; i++)
            {
                errors[i] ??= exception;
            }

            DropOperationConnection();
        }

        for (var i = 0; i < operations.Count; i++)
        {
            operations[i].Complete(errors[i]);
        }
    }

    // The prepared command for a bookkeeping statement on the writer's connection.
    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        _commands ??= new(StringComparer.Ordinal);
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        return command;
    }

    private void DropOperationConnection()
    {
        if (_commands is not null)
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
        }

        DropConnection(ref _operationConnection);
    }

    // A connection whose transaction failed is closed; the next write opens a new one.
    private static void DropConnection(ref SqliteConnection? connection)
    {
        try
        {
            connection?.Dispose();
        }
        catch (SqliteException)
        {
        }

        connection = null;
    }

    // A passive checkpoint on the thread pool, at most once per CheckpointInterval: it copies committed pages into the
    // database file while the writer goes on, and never waits for a lock.
    private void RequestCheckpoint()
    {
        if (_timeProvider.GetElapsedTime(_lastCheckpoint) < CheckpointInterval || Interlocked.CompareExchange(ref _checkpointing, 1, 0) != 0)
        {
            _checkpointOwed = true;
            return;
        }

        _checkpointOwed = false;
        Interlocked.Increment(ref _checkpoints);
        _lastCheckpoint = _timeProvider.GetTimestamp();
        ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.Checkpoint(), this, preferLocal: false);
    }

    private void Checkpoint()
    {
        try
        {
            using var connection = _connections.Open(SqliteConnections.Purpose.Default);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // The next one tries again; a failed passive checkpoint loses nothing.
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    /// <summary>A bookkeeping write waiting for the writer thread.</summary>
    private abstract class PendingWrite(string sql, int rows, bool atomic)
    {
        /// <summary>Gets the statements of the write.</summary>
        public string Sql { get; } = sql;

        /// <summary>Gets the most rows the write may touch.</summary>
        public int Rows { get; } = rows;

        /// <summary>Gets whether the write's statements must all take effect or none.</summary>
        public bool Atomic { get; } = atomic;

        /// <summary>Runs the write inside the writer's transaction, keeping its result for <see cref="Complete"/>.</summary>
        public abstract void Run(SqliteCommand command);

        /// <summary>Answers the caller once the transaction has been committed (or failed).</summary>
        public abstract void Complete(Exception? error);
    }

    private sealed class PendingWrite<T>(string sql, Func<SqliteCommand, T> write, int rows, bool atomic) : PendingWrite(sql, rows, atomic)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override void Run(SqliteCommand command) => _result = write(command);

        public override void Complete(Exception? error)
        {
            if (error is null)
            {
                _completion.TrySetResult(_result!);
            }
            else
            {
                _completion.TrySetException(error);
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
