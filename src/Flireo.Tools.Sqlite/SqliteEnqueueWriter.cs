using Flireo.Tools.Async;
using Microsoft.Data.Sqlite;

namespace Flireo.Tools.Sqlite;

/// <summary>Writes new calls to the work database in shared transactions (group commit), each committed before its caller is answered.</summary>
internal sealed class SqliteEnqueueWriter : IDisposable
{
    // The most calls written in one transaction; more wait for the next.
    private const int MaxEnqueueBatch = 256;

    private readonly SqliteConnections _connections;
    private readonly TimeProvider _timeProvider;

    // Calls waiting for the writer; _writing is true while a writer task runs (at most one).
    private readonly Lock _pendingGate = new();
    private readonly Queue<PendingEnqueue> _pending = new();
    private bool _writing;
    private bool _disposed;
    private long _enqueueCommits;

    public SqliteEnqueueWriter(SqliteConnections connections, TimeProvider timeProvider)
    {
        _connections = connections;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets how many transactions of new calls have been committed (several calls may share one).</summary>
    public long CommitCount => Interlocked.Read(ref _enqueueCommits);

    /// <summary>Gets or sets a callback run with the size of each batch of new calls once the writer has taken it, before its transaction begins (for tests).</summary>
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
        bool startWriter;
        lock (_pendingGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(SqliteToolWorkStore));
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
    /// <remarks>A transaction already being written is finished, and its callers get its outcome.</remarks>
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
            pending.TryWithdraw(new ObjectDisposedException(typeof(SqliteToolWorkStore).FullName, "The async work store was disposed before the call was written."));
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

            var connection = await _connections.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
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
                        messageJson.Value = item.MessageJson;
                        casing.Value = (int)item.Casing;
                        enqueuedAt.Value = item.EnqueuedAt.ToUnixTimeMilliseconds();
                        try
                        {
                            var changed = await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                            results[i] = changed == 1 ? ToolWorkEnqueueResult.Accepted : ToolWorkEnqueueResult.Duplicate;
                        }
                        catch (SqliteException exception) when (SqliteConnections.IsInTransaction(connection))
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
