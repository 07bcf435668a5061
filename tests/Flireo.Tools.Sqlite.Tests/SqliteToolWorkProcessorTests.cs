using System.Collections.Concurrent;
using Flireo.Tools.Async;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Sqlite.Tests;

public sealed class SqliteToolWorkProcessorTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Process_FailingCall_WaitsLongerBeforeEachRetryUpToTheCap()
    {
        var store = new RecordingLeaseStore(new SqliteToolWorkStore(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path })));
        var runner = FakeToolWorkRunner.Always(ToolRunStatus.Timeout, "slow");
        var options = new AsyncToolOptions { MaxRetries = 3, RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(25), MaxConcurrency = 2 };
        using var processor = new DurableToolWorkProcessor(
            store, new ToolWorkSignal(), runner, options,
            new ToolWorkStoreOptions { PollInterval = TimeSpan.FromMilliseconds(5), LeaseRenewInterval = TimeSpan.FromSeconds(10), MaintenanceInterval = TimeSpan.FromMinutes(1) },
            TimeProvider.System, NullLogger.Instance);
        await store.Inner.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);

        await processor.StartAsync(CancellationToken.None);
        var deadLetter = await store.DeadLettered.Task.WaitAsync(TestTimeout.Value);
        await processor.StopAsync(CancellationToken.None);

        store.RetryDelays.Should().Equal(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(25));
        runner.Attempts.Select(a => a.Attempt).Should().Equal(1, 2, 3, 4);
        deadLetter.Should().Be((4, new ToolRunOutcome(ToolRunStatus.Timeout, "slow")));
    }

    [Fact]
    public async Task Process_ManyCalls_NeverRunsMoreThanMaxConcurrencyAtOnce()
    {
        var running = 0;
        var maxRunning = 0;
        var finished = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeToolWorkRunner(async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedHelper.Max(ref maxRunning, now);
            await Task.Yield();
            Interlocked.Decrement(ref running);
            if (Interlocked.Increment(ref finished) == 12)
            {
                allDone.SetResult();
            }

            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        var store = new SqliteToolWorkStore(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path }));
        for (var i = 0; i < 12; i++)
        {
            await store.EnqueueAsync(TestItems.Create($"t{i}"), CancellationToken.None);
        }

        using var processor = new DurableToolWorkProcessor(
            store, new ToolWorkSignal(), runner, new AsyncToolOptions { MaxConcurrency = 3 },
            new ToolWorkStoreOptions { PollInterval = TimeSpan.FromMilliseconds(5), LeaseRenewInterval = TimeSpan.FromSeconds(10), MaintenanceInterval = TimeSpan.FromMinutes(1) },
            TimeProvider.System, NullLogger.Instance);
        await processor.StartAsync(CancellationToken.None);
        await allDone.Task.WaitAsync(TestTimeout.Value);
        await processor.StopAsync(CancellationToken.None);

        maxRunning.Should().BeInRange(1, 3);
        runner.Attempts.Select(a => a.Key).Should().OnlyHaveUniqueItems().And.HaveCount(12);
        store.ReadStatistics().Count.Should().Be(0);
    }

    /// <summary>Passes every call to a real store and records the retry delays and the dead letter.</summary>
    private sealed class RecordingLeaseStore(SqliteToolWorkStore inner) : IToolWorkLeaseStore
    {
        private readonly ConcurrentQueue<TimeSpan> _delays = new();

        public SqliteToolWorkStore Inner => inner;

        public IReadOnlyList<TimeSpan> RetryDelays => [.. _delays];

        public TaskCompletionSource<(int Attempt, ToolRunOutcome Outcome)> DeadLettered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private IToolWorkLeaseStore Store => inner;

        public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken) => Store.EnqueueAsync(item, cancellationToken);

        public ToolWorkStoreStatistics GetStatistics() => Store.GetStatistics();

        public ValueTask<IReadOnlyList<ToolWorkLease>> ClaimAsync(int maxCount, CancellationToken cancellationToken) => Store.ClaimAsync(maxCount, cancellationToken);

        public ValueTask RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken) => Store.RenewAsync(leases, cancellationToken);

        public ValueTask CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken) => Store.CompleteAsync(lease, cancellationToken);

        public ValueTask RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken)
        {
            _delays.Enqueue(delay);
            return Store.RetryLaterAsync(lease, outcome, delay, cancellationToken);
        }

        public async ValueTask DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken)
        {
            await Store.DeadLetterAsync(lease, outcome, cancellationToken);
            DeadLettered.TrySetResult((lease.Attempt, outcome));
        }

        public ValueTask ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken) => Store.ReleaseAsync(lease, cancellationToken);

        public ValueTask<IReadOnlyList<ToolWorkItem>> ListWaitingAsync(int maxCount, CancellationToken cancellationToken) => Store.ListWaitingAsync(maxCount, cancellationToken);

        public ValueTask MaintainAsync(CancellationToken cancellationToken) => Store.MaintainAsync(cancellationToken);
    }
}
