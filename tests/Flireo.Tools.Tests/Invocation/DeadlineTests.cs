using Flireo.Tools.Invocation;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.Invocation;

public sealed class DeadlineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task WaitAsync_WorkEndsInTime_Completed()
    {
        var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = Wait(work.Task, CancellationToken.None);

        work.SetResult(1);

        (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(DeadlineEnd.Completed);
    }

    [Fact]
    public async Task WaitAsync_LimitPasses_TimedOutOnTheInjectedClock()
    {
        var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = Wait(work.Task, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(4.9));
        waiting.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(0.1));

        (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(DeadlineEnd.TimedOut);
    }

    [Fact]
    public async Task WaitAsync_CallerGivesUp_Aborted()
    {
        using var caller = new CancellationTokenSource();
        var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = Wait(work.Task, caller.Token);

        await caller.CancelAsync();

        (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(DeadlineEnd.Aborted);
    }

    [Fact]
    public async Task WaitAsync_WorkFaultsInTime_CompletedAndTheCallerReadsTheException()
    {
        var work = Task.FromException(new InvalidOperationException("handler failed"));

        var end = await Deadline.WaitAsync(work, TimeSpan.FromSeconds(5), _time, CancellationToken.None);

        end.Should().Be(DeadlineEnd.Completed);
        await FluentActions.Awaiting(() => work).Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task Abandon_WorkIgnoresItsToken_TokenCancelledSourceKeptUntilTheWorkEndsThenLateCallbackRuns()
    {
        using var caller = new CancellationTokenSource();
        var deadline = Deadline.Linked(caller.Token);
        var token = deadline.Token;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var late = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);

        deadline.Abandon(release.Task, static state => ((TaskCompletionSource<object?>)state!).SetResult("late"), late);
        await WaitUntilAsync(() => token.IsCancellationRequested);

        // Still usable while the abandoned work runs: its source is not disposed under it.
        var handle = token.WaitHandle;
        late.Task.IsCompleted.Should().BeFalse();
        release.SetResult();
        (await late.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be("late");
        handle.Should().NotBeNull();
        FluentActions.Invoking(() => token.WaitHandle).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Abandon_CallbackOnTheTokenThrows_CancellationCompletesAndLateEndIsStillObserved()
    {
        var deadline = Deadline.Linked(CancellationToken.None);
        deadline.Token.Register(static () => throw new InvalidOperationException("callback failed"));
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        deadline.Abandon(Task.CompletedTask, static state => ((TaskCompletionSource)state!).SetResult(), late);

        await late.Task.WaitAsync(TimeSpan.FromSeconds(30));
        late.Task.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task Abandon_WorkFaultsLate_ItsExceptionIsObserved()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = FailAfterAsync(release.Task);
        var deadline = Deadline.Unowned(CancellationToken.None);

        deadline.Abandon(work, static state => ((TaskCompletionSource)state!).SetResult(), late);
        release.SetResult();
        await late.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Observed: reading the exception raised no unobserved-exception flag on the task.
        work.IsFaulted.Should().BeTrue();
        IsObserved(work).Should().BeTrue();
        IsObserved(Task.FromException(new InvalidOperationException("never read"))).Should().BeFalse();
    }

    [Fact]
    public async Task Detachable_CallerGivesUpBeforeDetach_CancelsTheWork()
    {
        using var caller = new CancellationTokenSource();
        var deadline = Deadline.Detachable(caller.Token);

        await caller.CancelAsync();

        deadline.Token.IsCancellationRequested.Should().BeTrue();
        deadline.Complete();
    }

    [Fact]
    public async Task Detachable_CallerGivesUpAfterDetach_WorkGoesOn()
    {
        using var caller = new CancellationTokenSource();
        var deadline = Deadline.Detachable(caller.Token);

        deadline.Detach();
        await caller.CancelAsync();

        deadline.Token.IsCancellationRequested.Should().BeFalse();
        deadline.Complete();
    }

    private async Task<DeadlineEnd> Wait(Task work, CancellationToken cancellationToken) =>
        await Deadline.WaitAsync(work, TimeSpan.FromSeconds(5), _time, cancellationToken);

    private static async Task FailAfterAsync(Task release)
    {
        await release;
        throw new InvalidOperationException("late failure");
    }

    // The runtime's own flag: a faulted task whose exception was never read reports it as unobserved when collected.
    private static bool IsObserved(Task task)
    {
        var properties = typeof(Task).GetField("m_contingentProperties", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(task)!;
        var holder = properties.GetType().GetField("m_exceptionsHolder", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(properties)!;
        var handled = holder.GetType().GetField("m_isHandled", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(holder)!;
        return (bool)handled;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}
