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
    public async Task Claim_CallNeverProcessedByAnEarlierStore_IsDueAtOnceForTheNextStore()
    {
        var first = CreateStore();
        await first.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        SqliteConnection.ClearAllPools();

        var claimed = await ((IToolWorkLeaseStore)CreateStore()).ClaimAsync(5, CancellationToken.None);

        claimed.Should().ContainSingle().Which.Should().Match<ToolWorkLease>(l => l.Attempt == 1 && l.Item.Key == TestItems.Create("t1").Key);
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
