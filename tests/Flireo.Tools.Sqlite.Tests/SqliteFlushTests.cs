using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>When the writes that are not flushed on commit (the bookkeeping of running calls) reach the disk: the checkpoint after the last write.</summary>
public sealed class SqliteFlushTests : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Enqueue_WithinASecondOfTheLastCheckpoint_IsCheckpointedOnceTheSecondHasPassed_WithoutAnotherWrite()
    {
        using var store = new SqliteToolWorkStore(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path }), _time);
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
