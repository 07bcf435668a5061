using Flireo.Tools.Async;
using FluentAssertions;

namespace Flireo.Tools.Tests.Async;

/// <summary>The processor's free-worker count: the claim loop takes every free worker in one step and waits when none is free.</summary>
public sealed class WorkerSlotsTests
{
    [Fact]
    public async Task TakeAllAsync_SomeFree_TakesThemAllAtOnce()
    {
        var slots = new WorkerSlots(4096);

        var taken = await slots.TakeAllAsync(CancellationToken.None);

        taken.Should().Be(4096);
        slots.Free.Should().Be(0);
    }

    [Fact]
    public async Task TakeAllAsync_NoneFree_WaitsUntilWorkersAreGivenBack()
    {
        var slots = new WorkerSlots(2);
        await slots.TakeAllAsync(CancellationToken.None);

        var waiting = slots.TakeAllAsync(CancellationToken.None).AsTask();
        waiting.IsCompleted.Should().BeFalse("no worker is free");

        slots.Release();
        slots.Release();

        // The waiter wakes on the first release and takes what is free by the time it runs: one or both.
        var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        (taken + slots.Free).Should().Be(2);
        taken.Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task TakeAllAsync_CancelledWhileWaiting_ThrowsAndKeepsLaterReleases()
    {
        var slots = new WorkerSlots(1);
        await slots.TakeAllAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = slots.TakeAllAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await waiting.Invoking(w => w.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<OperationCanceledException>();
        slots.Release(3);
        slots.Free.Should().Be(3);
        (await slots.TakeAllAsync(CancellationToken.None)).Should().Be(3);
    }

    [Fact]
    public void Release_ZeroOrLess_ChangesNothing()
    {
        var slots = new WorkerSlots(1);

        slots.Release(0);
        slots.Release(-2);

        slots.Free.Should().Be(1);
    }
}
