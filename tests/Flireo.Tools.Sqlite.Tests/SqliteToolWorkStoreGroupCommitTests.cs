using Flireo.Tools.Async;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Sqlite.Tests;

public sealed class SqliteToolWorkStoreGroupCommitTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Enqueue_500CallsAtOnceWithDuplicates_StoresEachKeyOnceInAFewSharedCommits()
    {
        using var store = CreateStore();
        var gate = BatchGate.HoldFirstBatch(store);
        var first = store.EnqueueAsync(TestItems.Create("first"), CancellationToken.None).AsTask();
        await gate.Taken.WaitAsync(TestTimeout.Value);
        var commitsBefore = store.EnqueueCommitCount;
        var calls = Enumerable.Range(0, 500)
            .Select(i => store.EnqueueAsync(TestItems.Create($"t{i % 250}"), CancellationToken.None).AsTask())
            .ToList();

        gate.Release();
        var results = await Task.WhenAll(calls).WaitAsync(TestTimeout.Value);

        (await first).Should().Be(ToolWorkEnqueueResult.Accepted);
        results.Take(250).Should().OnlyContain(r => r == ToolWorkEnqueueResult.Accepted, "the first offer of each key wins");
        results.Skip(250).Should().OnlyContain(r => r == ToolWorkEnqueueResult.Duplicate, "the second offer of each key is a duplicate");
        CountRows(store, "SELECT COUNT(*) FROM work_items").Should().Be(251);
        (store.EnqueueCommitCount - commitsBefore).Should().BeInRange(1, 3, "500 calls waiting together fill batches of up to 256, one commit each");
    }

    [Fact]
    public async Task Enqueue_CallInAFailingStatement_FailsAloneWhileTheRestOfItsBatchCommits()
    {
        using var store = CreateStore();
        Execute(store, "CREATE TRIGGER reject_bad BEFORE INSERT ON work_items WHEN NEW.tool_call_id = 'bad' BEGIN SELECT RAISE(ABORT, 'bad call'); END");
        var gate = BatchGate.HoldFirstBatch(store);
        var first = store.EnqueueAsync(TestItems.Create("first"), CancellationToken.None).AsTask();
        await gate.Taken.WaitAsync(TestTimeout.Value);
        var commitsBefore = store.EnqueueCommitCount;
        var good1 = store.EnqueueAsync(TestItems.Create("good1"), CancellationToken.None).AsTask();
        var bad = store.EnqueueAsync(TestItems.Create("bad"), CancellationToken.None).AsTask();
        var good2 = store.EnqueueAsync(TestItems.Create("good2"), CancellationToken.None).AsTask();

        gate.Release();
        var badCall = async () => await bad.WaitAsync(TestTimeout.Value);

        await badCall.Should().ThrowAsync<SqliteException>().WithMessage("*bad call*");
        (await good1.WaitAsync(TestTimeout.Value)).Should().Be(ToolWorkEnqueueResult.Accepted);
        (await good2.WaitAsync(TestTimeout.Value)).Should().Be(ToolWorkEnqueueResult.Accepted);
        (await first).Should().Be(ToolWorkEnqueueResult.Accepted);
        CountRows(store, "SELECT COUNT(*) FROM work_items WHERE tool_call_id IN ('first', 'good1', 'good2')").Should().Be(3);
        CountRows(store, "SELECT COUNT(*) FROM work_items WHERE tool_call_id = 'bad'").Should().Be(0);
        (store.EnqueueCommitCount - commitsBefore).Should().Be(2, "the first batch and the batch of the three calls");
    }

    [Fact]
    public async Task Enqueue_BatchRolledBack_FailsEveryCallOfItAndStoresNone()
    {
        using var store = CreateStore();
        Execute(store, "CREATE TRIGGER rollback_bad BEFORE INSERT ON work_items WHEN NEW.tool_call_id = 'bad' BEGIN SELECT RAISE(ROLLBACK, 'bad call'); END");
        var gate = BatchGate.HoldFirstBatch(store);
        var first = store.EnqueueAsync(TestItems.Create("first"), CancellationToken.None).AsTask();
        await gate.Taken.WaitAsync(TestTimeout.Value);
        var commitsBefore = store.EnqueueCommitCount;
        var calls = new[] { "before", "bad", "after" }.Select(id => store.EnqueueAsync(TestItems.Create(id), CancellationToken.None).AsTask()).ToList();

        gate.Release();
        var outcomes = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                return (await c.WaitAsync(TestTimeout.Value)).ToString();
            }
            catch (SqliteException exception)
            {
                return exception.GetType().Name;
            }
        }));

        outcomes.Should().Equal(nameof(SqliteException), nameof(SqliteException), nameof(SqliteException));
        (await first).Should().Be(ToolWorkEnqueueResult.Accepted);
        CountRows(store, "SELECT COUNT(*) FROM work_items").Should().Be(1, "only the first call was committed");
        store.EnqueueCommitCount.Should().Be(commitsBefore + 1, "the first batch committed; the rolled-back one did not");
        (await store.EnqueueAsync(TestItems.Create("before"), CancellationToken.None)).Should().Be(ToolWorkEnqueueResult.Accepted, "the failed call was not stored");
    }

    [Fact]
    public async Task Enqueue_CallerCancelsWhileItsBatchCommits_GetsTheCommittedOutcome()
    {
        using var store = CreateStore();
        var gate = BatchGate.HoldFirstBatch(store);
        using var committingCancellation = new CancellationTokenSource();
        using var waitingCancellation = new CancellationTokenSource();
        var committing = store.EnqueueAsync(TestItems.Create("committing"), committingCancellation.Token).AsTask();
        await gate.Taken.WaitAsync(TestTimeout.Value);
        var waiting = store.EnqueueAsync(TestItems.Create("waiting"), waitingCancellation.Token).AsTask();

        await committingCancellation.CancelAsync();
        await waitingCancellation.CancelAsync();
        gate.Release();
        var waitingCall = async () => await waiting.WaitAsync(TestTimeout.Value);

        await waitingCall.Should().ThrowAsync<OperationCanceledException>();
        (await committing.WaitAsync(TestTimeout.Value)).Should().Be(ToolWorkEnqueueResult.Accepted, "the call was already in a transaction when its caller gave up");
        CountRows(store, "SELECT COUNT(*) FROM work_items WHERE tool_call_id = 'committing'").Should().Be(1);
        (await store.EnqueueAsync(TestItems.Create("waiting"), CancellationToken.None)).Should().Be(ToolWorkEnqueueResult.Accepted, "the withdrawn call was never stored");
    }

    [Fact]
    public async Task Dispose_WithCallsWaitingForATransaction_FailsThemAndFinishesTheBatchBeingWritten()
    {
        var store = CreateStore();
        var gate = BatchGate.HoldFirstBatch(store);
        var writing = store.EnqueueAsync(TestItems.Create("writing"), CancellationToken.None).AsTask();
        await gate.Taken.WaitAsync(TestTimeout.Value);
        var waiting = store.EnqueueAsync(TestItems.Create("waiting"), CancellationToken.None).AsTask();

        store.Dispose();
        gate.Release();
        var waitingCall = async () => await waiting.WaitAsync(TestTimeout.Value);
        var afterDispose = async () => await store.EnqueueAsync(TestItems.Create("late"), CancellationToken.None);

        await waitingCall.Should().ThrowAsync<ObjectDisposedException>();
        await afterDispose.Should().ThrowAsync<ObjectDisposedException>();
        (await writing.WaitAsync(TestTimeout.Value)).Should().Be(ToolWorkEnqueueResult.Accepted);
        CountRows(store, "SELECT COUNT(*) FROM work_items").Should().Be(1);
        CountRows(store, "SELECT COUNT(*) FROM work_items WHERE tool_call_id = 'writing'").Should().Be(1);
    }

    [Fact]
    public async Task Complete_OneOfABatchOfSettlesFails_FailsAloneWhileTheOthersCommit()
    {
        using var store = CreateStore();
        var leases = await ClaimAsync(store, "done1", "bad", "done2");
        Execute(store, "CREATE TRIGGER reject_bad BEFORE UPDATE OF state ON work_items WHEN NEW.tool_call_id = 'bad' BEGIN SELECT RAISE(ABORT, 'bad settle'); END");
        var gate = BatchGate.HoldFirstBatch(store);
        var holding = store.EnqueueAsync(TestItems.Create("holding"), CancellationToken.None).AsTask();
        await gate.Taken.WaitAsync(TestTimeout.Value);
        var settles = leases.Select(lease => ((IToolWorkLeaseStore)store).CompleteAsync(lease, CancellationToken.None).AsTask()).ToList();

        gate.Release();
        var badSettle = async () => await settles[1].WaitAsync(TestTimeout.Value);

        await badSettle.Should().ThrowAsync<SqliteException>().WithMessage("*bad settle*");
        await Task.WhenAll(settles[0], settles[2]).WaitAsync(TestTimeout.Value);
        (await holding).Should().Be(ToolWorkEnqueueResult.Accepted);
        CountRows(store, "SELECT COUNT(*) FROM work_items WHERE state = 1 AND tool_call_id IN ('done1', 'done2')").Should().Be(2, "the settles written with the failing one committed");
        CountRows(store, "SELECT COUNT(*) FROM work_items WHERE state = 0 AND tool_call_id = 'bad' AND lease_owner IS NOT NULL").Should().Be(1, "the failed settle changed nothing");
    }

    [Fact]
    public async Task DeadLetter_DeleteFailsAfterTheCopy_UndoesTheCopyAndKeepsTheCall()
    {
        using var store = CreateStore();
        var leases = await ClaimAsync(store, "moved", "stuck");
        Execute(store, "CREATE TRIGGER keep_stuck BEFORE DELETE ON work_items WHEN OLD.tool_call_id = 'stuck' BEGIN SELECT RAISE(ABORT, 'stuck call'); END");
        var lease = (IToolWorkLeaseStore)store;
        var outcome = new ToolRunOutcome(ToolRunStatus.Exception, "boom");

        await lease.DeadLetterAsync(leases[0], outcome, CancellationToken.None);
        var stuck = async () => await lease.DeadLetterAsync(leases[1], outcome, CancellationToken.None);

        await stuck.Should().ThrowAsync<SqliteException>().WithMessage("*stuck call*");
        CountRows(store, "SELECT COUNT(*) FROM dead_letters WHERE tool_call_id = 'moved'").Should().Be(1);
        CountRows(store, "SELECT COUNT(*) FROM work_items WHERE tool_call_id = 'moved'").Should().Be(0);
        CountRows(store, "SELECT COUNT(*) FROM dead_letters WHERE tool_call_id = 'stuck'").Should().Be(0, "the copy was undone with the failed delete");
        CountRows(store, "SELECT COUNT(*) FROM work_items WHERE tool_call_id = 'stuck'").Should().Be(1);
    }

    private static async Task<IReadOnlyList<ToolWorkLease>> ClaimAsync(SqliteToolWorkStore store, params string[] toolCallIds)
    {
        foreach (var id in toolCallIds)
        {
            (await store.EnqueueAsync(TestItems.Create(id), CancellationToken.None)).Should().Be(ToolWorkEnqueueResult.Accepted);
        }

        var leases = await ((IToolWorkLeaseStore)store).ClaimAsync(toolCallIds.Length, CancellationToken.None);
        leases.Select(l => l.Item.ToolCallId).Should().BeEquivalentTo(toolCallIds);
        return [.. toolCallIds.Select(id => leases.Single(l => l.Item.ToolCallId == id))];
    }

    private static void Execute(SqliteToolWorkStore store, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long CountRows(SqliteToolWorkStore store, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private SqliteToolWorkStore CreateStore() => new(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path }));

    /// <summary>Holds the writer in its first batch (taken, transaction not yet begun) until released, so calls pile up behind it.</summary>
    private sealed class BatchGate
    {
        private readonly TaskCompletionSource<int> _taken = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<int> Taken => _taken.Task;

        public static BatchGate HoldFirstBatch(SqliteToolWorkStore store)
        {
            var gate = new BatchGate();
            store.BatchTaken = size => gate._taken.TrySetResult(size) ? gate._release.Task : Task.CompletedTask;
            return gate;
        }

        public void Release() => _release.TrySetResult();
    }
}
