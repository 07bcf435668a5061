using System.Diagnostics;
using Flireo.Tools.Diagnostics;
using Flireo.Tools.Invocation;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Flireo.Tools.Tests.Invocation;

/// <summary>Flireo:MaxConcurrentToolCalls on the real thread pool; waits poll with wide deadlines, nothing sleeps.</summary>
[Collection(nameof(SlowToolsCollection))]
public sealed class ToolRouterConcurrencyLimitTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public ToolRouterConcurrencyLimitTests()
    {
        SlowTools.Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        SlowTools.Runs = 0;
    }

    public void Dispose() => SlowTools.Release.TrySetResult();

    [Fact]
    public async Task Route_MoreCallsThanTheLimit_CallsOverItAnsweredBusyWithoutStarting()
    {
        using var host = new RouterHost(b => b.AddTools<SlowTools>(), o => o.MaxConcurrentToolCalls = 3);
        using var busy = new MetricCollector<long>(null, FlireoToolsDiagnostics.MeterName, "flireo.tools.busy");
        using var message = TestWebhooks.ToolCalls(("a", "block_thread", null), ("b", "block_thread", null), ("c", "block_thread", null), ("d", "block_thread", null), ("e", "block_thread", null));

        var routing = host.Router.RouteAsync(message, CancellationToken.None).AsTask();
        var threeRunning = await WaitUntilAsync(() => host.Router.RunningCalls == 3 && Volatile.Read(ref SlowTools.Runs) == 3);
        var refusedWhileBlocked = busy.GetMeasurementSnapshot().Where(m => Equals(m.Tags["tool"], "block_thread")).Sum(m => m.Value);
        SlowTools.Release.TrySetResult();
        var response = await routing.WaitAsync(Patience);

        threeRunning.Should().BeTrue();
        refusedWhileBlocked.Should().Be(2, "the calls over the limit are refused at once, not after the others return");
        SlowTools.Runs.Should().Be(3);
        response.Results.Select(r => r.ToolCallId).Should().Equal("a", "b", "c", "d", "e");
        response.Results.Take(3).Should().OnlyContain(r => !r.IsError);
        response.Results.Skip(3).Select(r => r.Error).Should().Equal("The server is busy, try again in a moment.", "The server is busy, try again in a moment.");
        host.Router.RunningCalls.Should().Be(0);
    }

    [Fact]
    public async Task Route_TimedOutToolStillRunning_KeepsItsPlaceUntilItReturns()
    {
        using var host = new RouterHost(b => b.AddTools<SlowTools>(), o => o.MaxConcurrentToolCalls = 1);
        using var first = TestWebhooks.ToolCalls(("late", "hang_ignoring_token", null));
        var routing = host.Router.RouteAsync(first, CancellationToken.None).AsTask();
        (await WaitUntilAsync(() => Volatile.Read(ref SlowTools.Runs) == 1)).Should().BeTrue();
        host.Time.Advance(TimeSpan.FromSeconds(9));
        var timedOut = await routing.WaitAsync(Patience);

        using var whileItHangs = TestWebhooks.ToolCalls(("second", "counted", null));
        var refused = await host.Router.RouteAsync(whileItHangs, CancellationToken.None).AsTask().WaitAsync(Patience);
        SlowTools.Release.TrySetResult();
        var freed = await WaitUntilAsync(() => host.Router.RunningCalls == 0);
        using var afterItReturned = TestWebhooks.ToolCalls(("third", "counted", null));
        var answered = await host.Router.RouteAsync(afterItReturned, CancellationToken.None).AsTask().WaitAsync(Patience);

        timedOut.Results[0].Error.Should().Contain("did not answer within 9 seconds");
        refused.Results[0].Error.Should().Be("The server is busy, try again in a moment.", "the timed-out tool still holds its thread");
        freed.Should().BeTrue();
        answered.Results[0].IsError.Should().BeFalse();
    }

    [Fact]
    public async Task Route_HundredToolsBlockTheirThreads_PoolMinimumIsTheDefaultAgainSoonAfterTheyReturn()
    {
        (await WaitUntilAsync(() => ToolTaskScheduler.Shared.Compensation == 0)).Should().BeTrue("tools of an earlier test have returned");
        ThreadPool.GetMinThreads(out var defaultWorkers, out var defaultIo);
        using var host = new RouterHost(b => b.AddTools<SlowTools>(), o => o.MaxToolCallsPerMessage = 100);
        using var message = TestWebhooks.ToolCalls(Enumerable.Range(0, 100).Select(i => ($"t{i}", "block_thread", (object?)null)).ToArray());

        var routing = host.Router.RouteAsync(message, CancellationToken.None).AsTask();
        var allBlocking = await WaitUntilAsync(() => Volatile.Read(ref SlowTools.Runs) == 100);
        ThreadPool.GetMinThreads(out var raisedWorkers, out _);
        SlowTools.Release.TrySetResult();
        var response = await routing.WaitAsync(Patience);
        var returned = Stopwatch.StartNew();
        var lowered = await WaitUntilAsync(() => MinThreads() == (defaultWorkers, defaultIo), TimeSpan.FromSeconds(10));

        allBlocking.Should().BeTrue("the scheduler makes room in the pool for tools that block their threads");
        raisedWorkers.Should().BeGreaterThan(defaultWorkers);
        response.Results.Should().HaveCount(100).And.OnlyContain(r => !r.IsError);
        lowered.Should().BeTrue($"the pool's minimum returns to {defaultWorkers} within 10 s after the tools returned (waited {returned.Elapsed.TotalSeconds:0.0} s; compensation now {ToolTaskScheduler.Shared.Compensation})");
    }

    private static (int Workers, int Io) MinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        return (workers, io);
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var limit = within ?? Patience;
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await poll.WaitForNextTickAsync();
        }

        return true;
    }
}
