using Flireo.Tools.Async;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Sqlite.Tests;

public sealed class SqliteToolWorkStoreTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly TestDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Enqueue_NewKey_IsAcceptedAndCommittedForAnotherConnection()
    {
        var store = CreateStore();

        var result = await store.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Accepted);
        await using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tool_name, arguments_json, attempts FROM work_items WHERE call_id = 'call-1' AND tool_call_id = 't1'";
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be("send_sms");
        reader.GetString(1).Should().Contain("+31612345678");
        reader.GetInt32(2).Should().Be(0);
    }

    [Fact]
    public async Task Open_NewFile_UsesWriteAheadLogging()
    {
        var store = CreateStore();

        await using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        var mode = (string?)await command.ExecuteScalarAsync();

        mode.Should().Be("wal");
    }

    [Fact]
    public async Task Enqueue_SameKeyWhileWaitingRunningFinishedOrDead_IsDuplicate()
    {
        var store = CreateStore();
        var leases = (IToolWorkLeaseStore)store;
        await store.EnqueueAsync(TestItems.Create("waiting"), CancellationToken.None);
        await store.EnqueueAsync(TestItems.Create("finished"), CancellationToken.None);
        await store.EnqueueAsync(TestItems.Create("dead"), CancellationToken.None);
        var claimed = await leases.ClaimAsync(10, CancellationToken.None);
        await leases.CompleteAsync(claimed.Single(l => l.Item.ToolCallId == "finished"), CancellationToken.None);
        await leases.DeadLetterAsync(claimed.Single(l => l.Item.ToolCallId == "dead"), new ToolRunOutcome(ToolRunStatus.Exception, "boom"), CancellationToken.None);

        var results = new[]
        {
            await store.EnqueueAsync(TestItems.Create("waiting"), CancellationToken.None),
            await store.EnqueueAsync(TestItems.Create("finished"), CancellationToken.None),
            await store.EnqueueAsync(TestItems.Create("dead"), CancellationToken.None),
            await store.EnqueueAsync(TestItems.Create("waiting", callId: "call-2"), CancellationToken.None),
        };

        results.Should().Equal(ToolWorkEnqueueResult.Duplicate, ToolWorkEnqueueResult.Duplicate, ToolWorkEnqueueResult.Duplicate, ToolWorkEnqueueResult.Accepted);
    }

    [Fact]
    public async Task Claim_DueCalls_HandsEachOutOnceOldestFirstUpToTheLimit()
    {
        var store = CreateStore();
        var leases = (IToolWorkLeaseStore)store;
        await store.EnqueueAsync(TestItems.Create("b", enqueuedAt: _time.GetUtcNow().AddSeconds(2)), CancellationToken.None);
        await store.EnqueueAsync(TestItems.Create("a", enqueuedAt: _time.GetUtcNow().AddSeconds(1)), CancellationToken.None);
        await store.EnqueueAsync(TestItems.Create("c", enqueuedAt: _time.GetUtcNow().AddSeconds(3)), CancellationToken.None);

        var first = await leases.ClaimAsync(2, CancellationToken.None);
        var second = await leases.ClaimAsync(2, CancellationToken.None);
        var third = await leases.ClaimAsync(2, CancellationToken.None);

        first.Select(l => l.Item.ToolCallId).Should().Equal("a", "b");
        second.Select(l => l.Item.ToolCallId).Should().Equal("c");
        third.Should().BeEmpty();
        first.Concat(second).Should().OnlyContain(l => l.Attempt == 1);
        first[0].Item.Should().Be(TestItems.Create("a", enqueuedAt: _time.GetUtcNow().AddSeconds(1)));
    }

    [Fact]
    public async Task Claim_LeaseOfACrashedProcessExpired_HandsTheCallOutAgainWithTheNextAttempt()
    {
        var crashed = CreateStore();
        await crashed.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        (await ((IToolWorkLeaseStore)crashed).ClaimAsync(1, CancellationToken.None)).Should().ContainSingle();
        var restarted = (IToolWorkLeaseStore)CreateStore();

        var beforeExpiry = await restarted.ClaimAsync(1, CancellationToken.None);
        _time.Advance(Lease);
        var afterExpiry = await restarted.ClaimAsync(1, CancellationToken.None);

        beforeExpiry.Should().BeEmpty();
        afterExpiry.Should().ContainSingle().Which.Attempt.Should().Be(2);
    }

    [Fact]
    public async Task Renew_RunningCall_KeepsItFromOtherProcessesPastTheFirstLease()
    {
        var running = CreateStore();
        await running.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        var lease = (await ((IToolWorkLeaseStore)running).ClaimAsync(1, CancellationToken.None)).Single();
        var other = (IToolWorkLeaseStore)CreateStore();

        _time.Advance(Lease / 2);
        await ((IToolWorkLeaseStore)running).RenewAsync([lease], CancellationToken.None);
        _time.Advance(Lease / 2);
        var whileRenewed = await other.ClaimAsync(1, CancellationToken.None);
        _time.Advance(Lease / 2);
        var afterRenewalExpired = await other.ClaimAsync(1, CancellationToken.None);

        whileRenewed.Should().BeEmpty();
        afterRenewalExpired.Should().ContainSingle();
    }

    [Fact]
    public async Task Claim_CallNeverProcessedByAnEarlierStore_IsDueAtOnceForTheNextStore()
    {
        var first = CreateStore();
        await first.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        SqliteConnection.ClearAllPools();

        var claimed = await ((IToolWorkLeaseStore)CreateStore()).ClaimAsync(5, CancellationToken.None);

        claimed.Should().ContainSingle().Which.Should().Match<ToolWorkLease>(l => l.Attempt == 1 && l.Item.Key == TestItems.Create("t1").Key);
    }

    [Fact]
    public async Task RetryLater_FailedAttempt_IsDueAgainOnlyAfterTheDelay()
    {
        var store = CreateStore();
        var leases = (IToolWorkLeaseStore)store;
        await store.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        var lease = (await leases.ClaimAsync(1, CancellationToken.None)).Single();

        await leases.RetryLaterAsync(lease, new ToolRunOutcome(ToolRunStatus.Timeout, "slow"), TimeSpan.FromSeconds(4), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3.999));
        var early = await leases.ClaimAsync(1, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var due = await leases.ClaimAsync(1, CancellationToken.None);

        early.Should().BeEmpty();
        due.Should().ContainSingle().Which.Attempt.Should().Be(2);
        store.ReadStatistics().Count.Should().Be(1);
    }

    [Fact]
    public async Task Release_AttemptCutShortByShutdown_IsDueAtOnceWithoutCountingTheAttempt()
    {
        var store = CreateStore();
        var leases = (IToolWorkLeaseStore)store;
        await store.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        var lease = (await leases.ClaimAsync(1, CancellationToken.None)).Single();

        await leases.ReleaseAsync(lease, CancellationToken.None);
        var again = await ((IToolWorkLeaseStore)CreateStore()).ClaimAsync(1, CancellationToken.None);

        again.Should().ContainSingle().Which.Attempt.Should().Be(1);
    }

    [Fact]
    public async Task Complete_AfterItsLeaseWasTakenOver_DoesNotFinishTheOtherProcessCall()
    {
        var slow = CreateStore();
        await slow.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        var staleLease = (await ((IToolWorkLeaseStore)slow).ClaimAsync(1, CancellationToken.None)).Single();
        _time.Advance(Lease);
        var other = CreateStore();
        (await ((IToolWorkLeaseStore)other).ClaimAsync(1, CancellationToken.None)).Should().ContainSingle();

        await ((IToolWorkLeaseStore)slow).CompleteAsync(staleLease, CancellationToken.None);

        other.ReadStatistics().Count.Should().Be(1, "the call belongs to the process that holds its lease now");
    }

    [Fact]
    public async Task DeadLetter_ExhaustedCall_IsListedWithItsErrorAndCanBeRetriedOrDeleted()
    {
        var store = CreateStore();
        var leases = (IToolWorkLeaseStore)store;
        await store.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        await store.EnqueueAsync(TestItems.Create("t2"), CancellationToken.None);
        foreach (var lease in await leases.ClaimAsync(2, CancellationToken.None))
        {
            await leases.DeadLetterAsync(lease, new ToolRunOutcome(ToolRunStatus.Exception, "SMS gateway down: " + lease.Item.ToolCallId), CancellationToken.None);
        }

        var listed = await store.ListDeadLettersAsync(10, CancellationToken.None);
        var statistics = store.ReadStatistics();
        var retried = await store.RetryDeadLetterAsync(TestItems.Create("t1").Key, CancellationToken.None);
        var deleted = await store.DeleteDeadLetterAsync(TestItems.Create("t2").Key, CancellationToken.None);
        var retriedTwice = await store.RetryDeadLetterAsync(TestItems.Create("t1").Key, CancellationToken.None);
        var claimedAgain = await leases.ClaimAsync(5, CancellationToken.None);

        listed.Should().HaveCount(2);
        listed[0].Item.Should().Be(TestItems.Create("t1"));
        listed[0].Should().Match<ToolWorkDeadLetter>(d => d.Attempts == 1 && d.Status == ToolRunStatus.Exception && d.Error == "SMS gateway down: t1" && d.DeadLetteredAt == _time.GetUtcNow());
        statistics.Should().Be((0, (DateTimeOffset?)null, 2));
        retried.Should().BeTrue();
        deleted.Should().BeTrue();
        retriedTwice.Should().BeFalse();
        claimedAgain.Should().ContainSingle().Which.Should().Match<ToolWorkLease>(l => l.Item.ToolCallId == "t1" && l.Attempt == 1);
        (await store.ListDeadLettersAsync(10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Prune_FinishedCallsOlderThanTheRetention_AreDeletedAndTheirKeysFreed()
    {
        var store = CreateStore();
        var leases = (IToolWorkLeaseStore)store;
        await store.EnqueueAsync(TestItems.Create("old"), CancellationToken.None);
        await leases.CompleteAsync((await leases.ClaimAsync(1, CancellationToken.None)).Single(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(30));
        await store.EnqueueAsync(TestItems.Create("recent"), CancellationToken.None);
        await leases.CompleteAsync((await leases.ClaimAsync(1, CancellationToken.None)).Single(), CancellationToken.None);
        await store.EnqueueAsync(TestItems.Create("waiting"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(30));

        var pruned = await store.PruneAsync(CancellationToken.None);

        pruned.Should().Be(1);
        (await store.EnqueueAsync(TestItems.Create("old"), CancellationToken.None)).Should().Be(ToolWorkEnqueueResult.Accepted);
        (await store.EnqueueAsync(TestItems.Create("recent"), CancellationToken.None)).Should().Be(ToolWorkEnqueueResult.Duplicate);
        store.ReadStatistics().Count.Should().Be(2, "the waiting call and the old one accepted again are unfinished");
    }

    [Fact]
    public async Task Complete_FinishedCall_ErasesItsArguments()
    {
        var store = CreateStore();
        var leases = (IToolWorkLeaseStore)store;
        await store.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);

        await leases.CompleteAsync((await leases.ClaimAsync(1, CancellationToken.None)).Single(), CancellationToken.None);

        await using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT arguments_json || message_json FROM work_items WHERE call_id = 'call-1' AND tool_call_id = 't1'";
        ((string?)await command.ExecuteScalarAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadStatistics_UnfinishedCalls_CountsThemAndTheOldestAcceptance()
    {
        var store = CreateStore();
        var oldest = _time.GetUtcNow().AddMinutes(-5);
        await store.EnqueueAsync(TestItems.Create("t1", enqueuedAt: _time.GetUtcNow()), CancellationToken.None);
        await store.EnqueueAsync(TestItems.Create("t2", enqueuedAt: oldest), CancellationToken.None);

        var statistics = store.ReadStatistics();

        statistics.Should().Be((2, (DateTimeOffset?)oldest, 0));
    }

    private SqliteToolWorkStore CreateStore() => new(
        Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path, LeaseDuration = Lease, CompletedRetention = Retention }),
        _time);
}
