using System.Diagnostics;
using Flireo.Tools.Invocation;

namespace Flireo.Tools.Tests.Invocation;

/// <summary>The scheduler's watchdog on the real thread pool and clock; margins are wide, the waits poll with a deadline.</summary>
[Collection(nameof(SlowToolsCollection))]
public sealed class ToolTaskSchedulerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Enter_ToolsBlockTheirThreads_PoolMinimumRaisedForThemAndLoweredAfter()
    {
        var scheduler = ToolTaskScheduler.Shared;
        using var release = new ManualResetEventSlim();
        var started = 0;
        var blocked = Enumerable.Range(0, 4).Select(_ => OnScheduler(() =>
        {
            Interlocked.Increment(ref started);
            release.Wait(Patience);
            return Task.FromResult(true);
        })).ToList();

        var raised = await WaitUntilAsync(() => scheduler.Compensation >= 4);
        var continuation = await OnScheduler(async () =>
        {
            // A tool's awaits come back through the scheduler too, and still run while the others block.
            await Task.Yield();
            return TaskScheduler.Current == scheduler;
        });
        release.Set();
        await Task.WhenAll(blocked);
        var lowered = await WaitUntilAsync(() => scheduler.Compensation == 0);

        started.Should().Be(4);
        raised.Should().BeTrue("four threads have been inside tool code for longer than the watchdog's threshold");
        continuation.Should().BeTrue();
        lowered.Should().BeTrue("no thread is inside tool code any more");
    }

    [Fact]
    public async Task EnterInline_ThreadsBlockedInsideTheScope_CountAsBlockedToolThreads()
    {
        // Tool code run without the hop (a non-blocking tool that blocks after all) still gets the pool grown for it.
        var scheduler = ToolTaskScheduler.Shared;
        using var release = new ManualResetEventSlim();
        var blocked = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            using (scheduler.EnterInline())
            {
                return release.Wait(Patience);
            }
        })).ToList();

        var raised = await WaitUntilAsync(() => scheduler.Compensation >= 3);
        release.Set();
        var returned = await Task.WhenAll(blocked);
        var lowered = await WaitUntilAsync(() => scheduler.Compensation == 0);

        raised.Should().BeTrue("three threads have been inside inline tool code for longer than the watchdog's threshold");
        returned.Should().AllSatisfy(r => r.Should().BeTrue());
        lowered.Should().BeTrue("the scopes ended");
    }

    [Fact]
    public void EnterInline_DefaultScope_DoesNothing()
    {
        var scope = default(ToolTaskScheduler.InlineScope);

        scope.Invoking(s => s.Dispose()).Should().NotThrow();
    }

    // Runs work as tool code does: the rest of an async method entered onto the scheduler.
    private static async Task<T> OnScheduler<T>(Func<Task<T>> work)
    {
        await ToolTaskScheduler.Shared.Enter();
        return await work();
    }

    [Fact]
    public async Task Enter_TheRestOfTheMethodRunsOnTheScheduler_WithItsContext_AndItsAwaitsComeBackThroughIt()
    {
        var flowing = new AsyncLocal<string>();
        flowing.Value = "caller";
        var pending = Probe(flowing);

        var (before, entered, seen, afterAwait) = await pending;

        before.Should().NotBeSameAs(ToolTaskScheduler.Shared);
        entered.Should().BeSameAs(ToolTaskScheduler.Shared);
        seen.Should().Be("caller", "the method goes on with its own execution context");
        afterAwait.Should().BeSameAs(ToolTaskScheduler.Shared, "a tool's awaits come back through the scheduler");

        static async Task<(TaskScheduler Before, TaskScheduler Entered, string? Seen, TaskScheduler AfterAwait)> Probe(AsyncLocal<string> flowing)
        {
            var before = TaskScheduler.Current;
            await ToolTaskScheduler.Shared.Enter();
            var entered = TaskScheduler.Current;
            var seen = flowing.Value;
            await Task.Yield();
            return (before, entered, seen, TaskScheduler.Current);
        }
    }

    [Fact]
    public async Task Enter_ABlockingMethod_ReturnsItsTaskToTheCallerAtOnce()
    {
        using var release = new ManualResetEventSlim();
        var blocking = Block(release);

        blocking.IsCompleted.Should().BeFalse("the caller gets the task before the method blocks a scheduler thread");
        release.Set();
        (await blocking.WaitAsync(Patience)).Should().BeTrue();

        static async Task<bool> Block(ManualResetEventSlim release)
        {
            await ToolTaskScheduler.Shared.Enter();
            return release.Wait(Patience);
        }
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!condition())
        {
            if (clock.Elapsed > Patience)
            {
                return false;
            }

            await poll.WaitForNextTickAsync();
        }

        return true;
    }
}
