using System.Collections.Concurrent;
using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        using var host = BuildHost(store, runner, o => { o.MaxRetries = 3; o.RetryDelay = TimeSpan.FromMilliseconds(10); o.MaxRetryDelay = TimeSpan.FromMilliseconds(25); o.MaxConcurrency = 2; });
        await store.Inner.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);

        await host.StartAsync();
        var deadLetter = await store.DeadLettered.Task.WaitAsync(TestTimeout.Value);
        await host.StopAsync();

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

        using var host = BuildHost(store, runner, o => o.MaxConcurrency = 3);
        await host.StartAsync();
        await allDone.Task.WaitAsync(TestTimeout.Value);
        await host.StopAsync();

        maxRunning.Should().BeInRange(1, 3);
        runner.Attempts.Select(a => a.Key).Should().OnlyHaveUniqueItems().And.HaveCount(12);
        store.ReadStatistics().Count.Should().Be(0);
    }

    // A host whose processor runs on the given store through the public seam, polling it every 5 ms.
    private static IHost BuildHost(IToolWorkLeaseStore store, IToolWorkRunner runner, Action<AsyncToolOptions> async) =>
        DurableQueueHost.Build<SmsTools>(
            tools => tools.AddToolWorkStore(_ => store, o => o.PollInterval = TimeSpan.FromMilliseconds(5)),
            runner,
            logs: null,
            LogLevel.None,
            async,
            static s => s.AddSingleton<SmsProbe>());

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
