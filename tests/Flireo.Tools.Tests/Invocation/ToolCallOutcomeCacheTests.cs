using Flireo.Tools.Invocation;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.Invocation;

public sealed class ToolCallOutcomeCacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task TryClaim_SameKeyWithinWindow_ReturnsTheFirstClaimsOutcome()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));

        cache.TryClaim("call:t1", out var slot).Should().BeNull();
        var outcome = ToolCallResult.Failure("t1", "boom");
        slot!.Complete(outcome);

        var again = cache.TryClaim("call:t1", out var secondSlot);

        (secondSlot is null).Should().BeTrue();
        (await again!).Should().BeSameAs(outcome);
        cache.Count.Should().Be(1);
    }

    [Fact]
    public async Task TryClaim_RetryBeforeTheOutcome_WaitsForItAndTheFirstOutcomeCounts()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
        cache.TryClaim("call:t1", out var slot).Should().BeNull();

        var early = cache.TryClaim("call:t1", out _)!;
        var alsoEarly = cache.TryClaim("call:t1", out _)!;
        early.IsCompleted.Should().BeFalse("the first claim has no outcome yet");

        var outcome = ToolCallResult.Failure("t1", "first");
        slot!.Complete(outcome);
        slot.Complete(ToolCallResult.Failure("t1", "second"));

        (await early).Should().BeSameAs(outcome);
        (await alsoEarly).Should().BeSameAs(outcome);
        (await cache.TryClaim("call:t1", out _)!).Should().BeSameAs(outcome, "a retry after the outcome gets it too");
    }

    [Fact]
    public async Task Slot_RetriesRacingTheOutcome_AllGetIt()
    {
        for (var round = 0; round < 200; round++)
        {
            var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
            _ = cache.TryClaim("call:t1", out var slot);
            var outcome = ToolCallResult.Failure("t1", "done");
            var retries = Enumerable.Range(0, 2).Select(i => Task.Run(() => cache.TryClaim("call:t1", out _)!)).ToArray();
            slot!.Complete(outcome);

            foreach (var retry in retries)
            {
                (await retry.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeSameAs(outcome);
            }
        }
    }

    [Fact]
    public void TryClaim_AfterTheWindow_ClaimsAgainAndForgetsTheExpiredEntry()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
        cache.TryClaim("call:t1", out _);

        _time.Advance(TimeSpan.FromMinutes(5));

        cache.TryClaim("call:t1", out var slot).Should().BeNull();
        (slot is not null).Should().BeTrue();
        cache.Count.Should().Be(1);
    }

    [Fact]
    public void TryClaim_MoreKeysThanCapacity_EvictsTheOldestAndStaysBounded()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 3, TimeSpan.FromMinutes(5));

        for (var i = 0; i < 10; i++)
        {
            cache.TryClaim($"call:t{i}", out _).Should().BeNull();
        }

        // The sweep runs before each claim, so the cache holds at most capacity + 1 entries.
        cache.Count.Should().BeLessThanOrEqualTo(4);
        cache.TryClaim("call:t9", out var newest).Should().NotBeNull("the newest entry is kept");
        (newest is null).Should().BeTrue();
        cache.TryClaim("call:t0", out var oldest).Should().BeNull("the oldest entry was evicted");
        (oldest is not null).Should().BeTrue();
    }

    [Fact]
    public async Task TryClaim_ConcurrentClaims_CountsEveryDistinctKeyOnce()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 100_000, TimeSpan.FromMinutes(5));
        var winners = 0;

        await Parallel.ForAsync(0, 20_000, (i, _) =>
        {
            // Every key is claimed twice; exactly one claim of each wins.
            if (cache.TryClaim($"call:t{i / 2}", out var _) is null)
            {
                Interlocked.Increment(ref winners);
            }

            return ValueTask.CompletedTask;
        });

        winners.Should().Be(10_000);
        cache.Count.Should().Be(10_000);
    }
}
