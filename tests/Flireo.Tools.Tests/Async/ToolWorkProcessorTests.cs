using Flireo.Tools.Async;
using Flireo.Tools.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Flireo.Tools.Tests.Async;

/// <summary>The processor running the default in-memory store: concurrency, retries, de-duplication and the drain on stop.</summary>
public sealed class ToolWorkProcessorTests
{
    private const string NotCompleted = "acknowledged async call not completed before shutdown";
    private const int FailedEvent = 2007;
    private const int NotCompletedEvent = 2008;

    [Fact]
    public async Task Process_AcceptedItem_RunsExactlyOnce()
    {
        await using var harness = new ProcessorHarness(FakeToolWorkRunner.Succeeding());
        using var completed = new MetricCollector<long>(FlireoToolsDiagnostics.Meter, "flireo.tools.async.completed");
        await harness.StartAsync();

        var result = await harness.EnqueueAsync("t1");
        await harness.Runner.NextAttemptAsync();
        await harness.StopAsync();

        result.Should().Be(ToolWorkEnqueueResult.Accepted);
        harness.Runner.Attempts.Should().Equal(("call-1/t1", 1));
        harness.Queue.Count.Should().Be(0);
        harness.Errors.Should().BeEmpty();
        completed.GetMeasurementSnapshot().Where(m => Equals(m.Tags["tool"], harness.ToolName))
            .Should().ContainSingle().Which.Value.Should().Be(1);
    }

    [Fact]
    public async Task Process_SameKeyEnqueuedAgainBeforeAndAfterRunning_RunsOnce()
    {
        await using var harness = new ProcessorHarness(FakeToolWorkRunner.Succeeding());
        var before = new[] { await harness.EnqueueAsync("t1"), await harness.EnqueueAsync("t1") };
        await harness.StartAsync();
        await harness.Runner.NextAttemptAsync();

        var after = await harness.EnqueueAsync("t1");
        await harness.StopAsync();

        before.Should().Equal(ToolWorkEnqueueResult.Accepted, ToolWorkEnqueueResult.Duplicate);
        after.Should().Be(ToolWorkEnqueueResult.Duplicate);
        harness.Runner.RunsOf("call-1/t1").Should().Be(1);
    }

    [Fact]
    public async Task Process_MoreItemsThanWorkers_NeverRunsMoreThanMaxConcurrencyAtOnce()
    {
        var running = 0;
        var maxRunning = 0;
        var allBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeToolWorkRunner(async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedHelper.Max(ref maxRunning, now);
            if (now == 3)
            {
                allBusy.TrySetResult();
            }

            await gate.Task;
            Interlocked.Decrement(ref running);
            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        await using var harness = new ProcessorHarness(runner, o => o.MaxConcurrency = 3);
        for (var i = 0; i < 12; i++)
        {
            await harness.EnqueueAsync($"t{i}");
        }

        await harness.StartAsync();
        await allBusy.Task.WaitAsync(TestTimeout.Value);
        var waitingWhileBusy = await harness.WaitingAsync();
        gate.SetResult();
        await harness.StopAsync();

        waitingWhileBusy.Should().Be(9);
        maxRunning.Should().Be(3);
        harness.Runner.Attempts.Select(a => a.Key).Should().OnlyHaveUniqueItems().And.HaveCount(12);
    }

    [Theory]
    [InlineData(nameof(ToolRunStatus.Exception))]
    [InlineData(nameof(ToolRunStatus.Timeout))]
    public async Task Process_RetryableFailures_RetriesAfterDoublingCappedDelaysThenGivesUp(string statusName)
    {
        var status = Enum.Parse<ToolRunStatus>(statusName);
        var harness = new ProcessorHarness(FakeToolWorkRunner.Always(status), o =>
        {
            o.MaxRetries = 3;
            o.RetryDelay = TimeSpan.FromSeconds(1);
            o.MaxRetryDelay = TimeSpan.FromSeconds(3);
        });
        await using var _ = harness;
        using var retries = new MetricCollector<long>(FlireoToolsDiagnostics.Meter, "flireo.tools.async.retries");
        using var failed = new MetricCollector<long>(FlireoToolsDiagnostics.Meter, "flireo.tools.async.failed");
        using var deadLettered = new MetricCollector<long>(FlireoToolsDiagnostics.Meter, "flireo.tools.async.dead_lettered");
        await harness.StartAsync();
        await harness.EnqueueAsync("t1");
        await harness.Runner.NextAttemptAsync();

        for (var retry = 1; retry <= 3; retry++)
        {
            // The delay doubles from RetryDelay up to MaxRetryDelay: 1 s, 2 s, 3 s (a wrong one times out naming the pending timers).
            var delay = TimeSpan.FromSeconds(retry);
            await harness.Time.WaitForTimerAsync(delay);
            harness.Time.Advance(delay - TimeSpan.FromTicks(1));
            harness.Runner.Attempts.Should().HaveCount(retry, "the next attempt must wait for the whole delay");
            harness.Time.Advance(TimeSpan.FromTicks(1));
            (await harness.Runner.NextAttemptAsync()).Attempt.Should().Be(retry + 1);
        }

        await harness.StopAsync();

        harness.Runner.Attempts.Should().Equal(("call-1/t1", 1), ("call-1/t1", 2), ("call-1/t1", 3), ("call-1/t1", 4));
        harness.Errors.Should().ContainSingle().Which.Message.Should().Contain(harness.ToolName).And.Contain("t1").And.Contain(status.ToString());
        harness.Logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning).Should().Be(3);
        retries.GetMeasurementSnapshot().Where(m => Equals(m.Tags["tool"], harness.ToolName)).Should().HaveCount(3);
        failed.GetMeasurementSnapshot().Where(m => Equals(m.Tags["tool"], harness.ToolName))
            .Should().ContainSingle().Which.Tags["outcome"].Should().Be(statusName);
        deadLettered.GetMeasurementSnapshot().Where(m => Equals(m.Tags["tool"], harness.ToolName)).Should().BeEmpty("the in-memory store keeps no dead letters");
        harness.Errors.Single().Id.Id.Should().Be(FailedEvent);
        harness.Queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task Process_FailureThenSuccess_CompletesWithoutErrorLog()
    {
        var runner = new FakeToolWorkRunner((_, attempt, _) =>
            ValueTask.FromResult(new ToolRunOutcome(attempt == 1 ? ToolRunStatus.Exception : ToolRunStatus.Succeeded, "flaky")));
        await using var harness = new ProcessorHarness(runner);
        await harness.StartAsync();
        await harness.EnqueueAsync("t1");
        await harness.Runner.NextAttemptAsync();

        await harness.FireTimerAsync(TimeSpan.FromSeconds(1));
        await harness.Runner.NextAttemptAsync();
        await harness.StopAsync();

        harness.Runner.Attempts.Should().Equal(("call-1/t1", 1), ("call-1/t1", 2));
        harness.Errors.Should().BeEmpty();
        harness.Queue.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(nameof(ToolRunStatus.ToolError))]
    [InlineData(nameof(ToolRunStatus.InvalidArguments))]
    [InlineData(nameof(ToolRunStatus.UnknownTool))]
    public async Task Process_NonRetryableOutcome_RunsOnceAndLogsError(string statusName)
    {
        var status = Enum.Parse<ToolRunStatus>(statusName);
        await using var harness = new ProcessorHarness(FakeToolWorkRunner.Always(status), o => o.MaxRetries = 5);
        await harness.StartAsync();
        await harness.EnqueueAsync("t1");
        await harness.Runner.NextAttemptAsync();

        await harness.StopAsync();

        harness.Runner.Attempts.Should().ContainSingle();
        // No retry wait; the drain's 30 s timer exists only when the attempt was still being finished as the stop began
        // (on a loaded machine the attempt had often finished, and there was no timer at all).
        harness.Time.StartedTimers.Where(t => t != TimeSpan.FromSeconds(30)).Should().BeEmpty("the only wait is the drain, no retry");
        var error = harness.Errors.Should().ContainSingle().Subject;
        error.GetStructuredStateValue("ToolCallId").Should().Be("t1");
        error.GetStructuredStateValue("ToolName").Should().Be(harness.ToolName);
        error.GetStructuredStateValue("Status").Should().Be(status.ToString());
    }

    [Fact]
    public async Task Process_CallWaitingForARetry_LeavesItsWorkerToOtherCalls()
    {
        var runner = new FakeToolWorkRunner((item, _, _) =>
            ValueTask.FromResult(new ToolRunOutcome(item.ToolCallId == "failing" ? ToolRunStatus.Exception : ToolRunStatus.Succeeded, "gateway down")));
        await using var harness = new ProcessorHarness(runner, o =>
        {
            o.MaxConcurrency = 1;
            o.RetryDelay = TimeSpan.FromMinutes(1);
        });
        await harness.StartAsync();
        await harness.EnqueueAsync("failing");
        await harness.Runner.NextAttemptAsync();

        await harness.EnqueueAsync("healthy");
        var next = await harness.Runner.NextAttemptAsync();

        next.Should().Be(("call-1/healthy", 1), "the only worker is free while the failing call waits a minute for its retry");
        harness.Queue.Count.Should().Be(1, "the failing call is still unfinished");
    }

    [Fact]
    public async Task Stop_RetryDueWithinTheDrain_RunsItBeforeStopping()
    {
        var runner = new FakeToolWorkRunner((_, attempt, _) =>
            ValueTask.FromResult(new ToolRunOutcome(attempt == 1 ? ToolRunStatus.Timeout : ToolRunStatus.Succeeded, "slow")));
        await using var harness = new ProcessorHarness(runner, o => o.RetryDelay = TimeSpan.FromSeconds(1));
        await harness.StartAsync();
        await harness.EnqueueAsync("t1");
        await harness.Runner.NextAttemptAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));

        var stopping = harness.StopAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));

        // The stop wakes the processor, which waits for the retry again with a new 1 s timer: advancing the clock before
        // that timer exists would leave it a whole second away.
        using (var waited = new CancellationTokenSource(TestTimeout.Value))
        {
            while (harness.Time.StartedTimers.Count(t => t == TimeSpan.FromSeconds(1)) < 2)
            {
                await Task.Delay(10, waited.Token);
            }
        }

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await stopping;

        harness.Runner.Attempts.Should().Equal(("call-1/t1", 1), ("call-1/t1", 2));
        harness.Errors.Should().BeEmpty("in memory a call waiting for its retry would be lost, so the drain waits for it");
        harness.Logs.GetSnapshot().Should().Contain(r => r.Message == "Async work drained");
    }

    [Fact]
    public async Task Process_RunnerThrows_TreatsItAsARetryableAttempt()
    {
        var runner = new FakeToolWorkRunner((_, attempt, _) => attempt == 1
            ? throw new InvalidOperationException("runner bug")
            : ValueTask.FromResult(new ToolRunOutcome(ToolRunStatus.Succeeded)));
        await using var harness = new ProcessorHarness(runner);
        await harness.StartAsync();
        await harness.EnqueueAsync("t1");
        await harness.Runner.NextAttemptAsync();

        await harness.FireTimerAsync(TimeSpan.FromSeconds(1));
        await harness.Runner.NextAttemptAsync();
        await harness.StopAsync();

        harness.Runner.Attempts.Should().HaveCount(2);
        harness.Errors.Should().ContainSingle().Which.Exception.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task Process_Logging_ShowsArgumentsOnlyAtTrace()
    {
        await using var harness = new ProcessorHarness(FakeToolWorkRunner.Always(ToolRunStatus.ToolError));
        await harness.StartAsync();
        await harness.EnqueueAsync("t1");
        await harness.Runner.NextAttemptAsync();

        await harness.StopAsync();

        var records = harness.Logs.GetSnapshot();
        records.Should().Contain(r => r.Level == LogLevel.Trace && r.Message.Contains("+31612345678"));
        records.Where(r => r.Level > LogLevel.Trace).Should().NotContain(r => r.Message.Contains("+31612345678"));
    }

    [Fact]
    public async Task Stop_WithQueuedWork_DrainsEverythingAndRejectsNewWork()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeToolWorkRunner(async (_, _, _) =>
        {
            await gate.Task;
            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        await using var harness = new ProcessorHarness(runner, o => o.MaxConcurrency = 1);
        await harness.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await harness.EnqueueAsync($"t{i}");
        }

        await harness.Runner.NextAttemptAsync();
        var stopping = harness.StopAsync();
        var duringDrain = await harness.EnqueueAsync("late");
        var accepting = harness.Queue.IsAcceptingWork;
        gate.SetResult();
        await stopping.WaitAsync(TestTimeout.Value);

        duringDrain.Should().Be(ToolWorkEnqueueResult.Rejected);
        accepting.Should().BeFalse();
        harness.Runner.Attempts.Select(a => a.Key).Should().Equal("call-1/t0", "call-1/t1", "call-1/t2", "call-1/t3", "call-1/t4");
        harness.Queue.Count.Should().Be(0);
        harness.Errors.Should().BeEmpty();
        harness.Logs.GetSnapshot().Should().Contain(r => r.Message == "Async work drained");
    }

    [Fact]
    public async Task Stop_PastDrainTimeout_CancelsAndLogsEveryUnfinishedCall()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeToolWorkRunner(async (_, _, cancellationToken) =>
        {
            try
            {
                await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
                return new ToolRunOutcome(ToolRunStatus.Succeeded);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
        });
        await using var harness = new ProcessorHarness(runner, o =>
        {
            o.MaxConcurrency = 1;
            o.ShutdownTimeout = TimeSpan.FromSeconds(30);
        });
        using var abandoned = new MetricCollector<long>(FlireoToolsDiagnostics.Meter, "flireo.tools.async.abandoned");
        await harness.StartAsync();
        await harness.EnqueueAsync("t1");
        await harness.EnqueueAsync("t2");
        await harness.EnqueueAsync("t3");
        await harness.Runner.NextAttemptAsync();

        var stopping = harness.StopAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await stopping.WaitAsync(TestTimeout.Value);
        await cancelled.Task.WaitAsync(TestTimeout.Value);

        harness.Runner.Attempts.Select(a => a.Key).Should().Equal("call-1/t1");
        var notCompleted = harness.Errors.Where(r => r.Message.Contains(NotCompleted, StringComparison.OrdinalIgnoreCase)).ToList();
        notCompleted.Select(r => r.GetStructuredStateValue("ToolCallId")).Should().BeEquivalentTo("t1", "t2", "t3");
        notCompleted.Should().OnlyContain(r => r.GetStructuredStateValue("ToolName") == harness.ToolName && r.Id.Id == NotCompletedEvent);
        harness.Logs.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Warning && r.Message.Contains("3 acknowledged call(s) cancelled or never started"));
        abandoned.GetMeasurementSnapshot().Count(m => Equals(m.Tags["tool"], harness.ToolName)).Should().Be(3);
    }

    [Fact]
    public async Task Stop_ToolIgnoresCancellation_ReturnsAfterDrainTimeoutAndLogsIt()
    {
        var never = new TaskCompletionSource<ToolRunOutcome>();
        var runner = new FakeToolWorkRunner((_, _, _) => new ValueTask<ToolRunOutcome>(never.Task));
        await using var harness = new ProcessorHarness(runner, o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        await harness.StartAsync();
        await harness.EnqueueAsync("stuck");
        await harness.Runner.NextAttemptAsync();

        var stopping = harness.StopAsync();
        await harness.FireTimerAsync(TimeSpan.FromSeconds(5));

        // A cancelled tool gets 2 more seconds to report its outcome (another wait times out naming the pending timers).
        await harness.FireTimerAsync(TimeSpan.FromSeconds(2));
        await stopping.WaitAsync(TestTimeout.Value);

        harness.Processor.ExecuteTask!.IsCompleted.Should().BeTrue();
        harness.Errors.Where(r => r.Message.Contains(NotCompleted, StringComparison.OrdinalIgnoreCase))
            .Should().ContainSingle().Which.GetStructuredStateValue("ToolCallId").Should().Be("stuck");
    }

    [Fact]
    public async Task Stop_ToolBlocksItsThreadOnCancellation_StillReturns()
    {
        using var release = new ManualResetEventSlim();
        var runner = new FakeToolWorkRunner(async (_, _, cancellationToken) =>
        {
            try
            {
                await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                release.Wait(TestTimeout.Value * 2, CancellationToken.None);
            }

            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        await using var harness = new ProcessorHarness(runner, o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        await harness.StartAsync();
        await harness.EnqueueAsync("blocking");
        await harness.Runner.NextAttemptAsync();

        var stopping = harness.Processor.StopAsync(CancellationToken.None);
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        var advancing = Task.Run(async () =>
        {
            harness.Time.Advance(TimeSpan.FromSeconds(5));
            await harness.FireTimerAsync(TimeSpan.FromSeconds(2));
        });
        var stopped = await Task.WhenAny(stopping, Task.Delay(TestTimeout.Value)) == stopping;
        release.Set();
        await advancing;
        await stopping;

        stopped.Should().BeTrue("a tool blocking its thread after cancellation must not hold up the stop");
        harness.Errors.Should().ContainSingle(r => r.Message.Contains(NotCompleted, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Stop_DuringRetryBackoff_LogsTheCallAsNotCompleted()
    {
        await using var harness = new ProcessorHarness(FakeToolWorkRunner.Always(ToolRunStatus.Exception), o =>
        {
            o.RetryDelay = TimeSpan.FromMinutes(1);
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
        });
        await harness.StartAsync();
        await harness.EnqueueAsync("t1");
        await harness.Runner.NextAttemptAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1));

        var stopping = harness.StopAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await stopping.WaitAsync(TestTimeout.Value);

        harness.Runner.Attempts.Should().ContainSingle();
        var error = harness.Errors.Should().ContainSingle().Subject;
        error.Id.Id.Should().Be(NotCompletedEvent);
        error.Message.Should().ContainEquivalentOf(NotCompleted).And.Contain("t1");
    }

    [Fact]
    public async Task Process_ThousandItemsWithRandomTransientFailures_EachCompletesExactlyOnce()
    {
        var random = new Random(1234);
        var randomLock = new Lock();
        var successes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var runner = new FakeToolWorkRunner(async (item, attempt, _) =>
        {
            bool fail;
            lock (randomLock)
            {
                fail = attempt <= 3 && random.NextDouble() < 0.3;
            }

            if (attempt % 2 == 0)
            {
                await Task.Yield();
            }

            if (fail)
            {
                return new ToolRunOutcome(attempt % 2 == 0 ? ToolRunStatus.Timeout : ToolRunStatus.Exception, "transient");
            }

            successes.AddOrUpdate(item.Key, 1, (_, n) => n + 1);
            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        await using var harness = new ProcessorHarness(runner, o =>
        {
            o.MaxConcurrency = 8;
            o.QueueCapacity = 1000;
            o.MaxRetries = 3;
            o.RetryDelay = TimeSpan.Zero;
        });
        await harness.StartAsync();
        var ids = Enumerable.Range(0, 1000).Select(i => $"t{i}").ToArray();
        var results = new System.Collections.Concurrent.ConcurrentBag<ToolWorkEnqueueResult>();

        await Parallel.ForEachAsync(ids.Concat(ids), async (id, _) => results.Add(await harness.EnqueueAsync(id)));
        await harness.StopAsync().WaitAsync(TestTimeout.Value);

        results.Count(r => r == ToolWorkEnqueueResult.Accepted).Should().Be(1000);
        results.Count(r => r == ToolWorkEnqueueResult.Duplicate).Should().Be(1000);
        successes.Should().HaveCount(1000).And.OnlyContain(pair => pair.Value == 1);
        harness.Runner.Attempts.Count.Should().BeGreaterThan(1000, "some attempts failed and were retried");
        harness.Runner.Attempts.GroupBy(a => a.Key).Should().OnlyContain(g => g.Select(a => a.Attempt).SequenceEqual(Enumerable.Range(1, g.Count())));
        harness.Errors.Should().BeEmpty();
        harness.Queue.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(1, 1, 30, 1)]
    [InlineData(2, 1, 30, 2)]
    [InlineData(3, 1, 30, 4)]
    [InlineData(5, 1, 30, 16)]
    [InlineData(6, 1, 30, 30)]
    [InlineData(1000, 1, 30, 30)]
    [InlineData(3, 0, 30, 0)]
    [InlineData(3, 10, 5, 10)]
    public void ComputeRetryDelay_Retry_DoublesUpToTheCap(int retry, int firstSeconds, int maxSeconds, int expectedSeconds)
    {
        var delay = DurableToolWorkProcessor.ComputeRetryDelay(retry, TimeSpan.FromSeconds(firstSeconds), TimeSpan.FromSeconds(maxSeconds));

        delay.Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void ComputeRetryDelay_HugeMaximum_StaysWithinWhatATimerAccepts()
    {
        var delay = DurableToolWorkProcessor.ComputeRetryDelay(100, TimeSpan.FromDays(10), TimeSpan.MaxValue);

        delay.Should().Be(TimeSpan.FromMilliseconds(uint.MaxValue - 1));
    }

    [Fact]
    public async Task Stop_AgainAfterDisposal_WaitsForTheFirstStop()
    {
        // A host the app runs stops and disposes itself; WebApplicationFactory then stops it once more.
        await using var harness = new ProcessorHarness(FakeToolWorkRunner.Succeeding());
        await harness.StartAsync();
        await harness.StopAsync();
        harness.Processor.Dispose();

        var again = harness.Processor.StopAsync(CancellationToken.None);

        await again.Invoking(t => t.WaitAsync(TestTimeout.Value)).Should().NotThrowAsync();
    }

    [Fact]
    public async Task Stop_AfterDisposalWithoutAStop_DoesNothing()
    {
        await using var harness = new ProcessorHarness(FakeToolWorkRunner.Succeeding());
        await harness.StartAsync();
        harness.Processor.Dispose();

        await harness.Processor.Invoking(p => p.StopAsync(CancellationToken.None)).Should().NotThrowAsync();
    }
}
