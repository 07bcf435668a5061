using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>When new calls and bookkeeping reach the disk: <see cref="SqliteToolWorkQueueOptions.FlushBeforeAcknowledging"/> and the checkpoint after the last write.</summary>
public sealed class SqliteFlushTests : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(null, 2L)]
    [InlineData(true, 2L)]
    [InlineData(false, 1L)]
    public void FlushBeforeAcknowledging_SetsHowNewCallsCommit(bool? flush, long synchronous)
    {
        var options = new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path };
        if (flush is { } value)
        {
            options.FlushBeforeAcknowledging = value;
        }

        using var store = new SqliteToolWorkStore(Options.Create(options), _time);
        using var connection = store.Connections.Open(SqliteConnections.Purpose.Enqueue);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        // 2 is FULL (flushed on commit), 1 is NORMAL (written to the OS on commit; flushed by checkpoints).
        command.ExecuteScalar().Should().Be(synchronous);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Enqueue_WithinASecondOfTheLastCheckpoint_IsCheckpointedOnceTheSecondHasPassed_WithoutAnotherWrite(bool flush)
    {
        using var store = new SqliteToolWorkStore(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path, FlushBeforeAcknowledging = flush }), _time);
        await store.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        (await WaitUntilAsync(() => store.CheckpointCount == 1)).Should().BeTrue("the first write starts a checkpoint at once");

        await store.EnqueueAsync(TestItems.Create("t2"), CancellationToken.None);
        var early = store.CheckpointCount;
        _time.Advance(TimeSpan.FromSeconds(1));
        var owed = await WaitUntilAsync(() => store.CheckpointCount == 2);

        early.Should().Be(1, "a write within a second of the last checkpoint does not start another at once");
        owed.Should().BeTrue("a second after the last checkpoint the owed one starts, though nothing else was written");
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
