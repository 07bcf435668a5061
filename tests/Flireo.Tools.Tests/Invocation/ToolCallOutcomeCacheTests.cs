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

        cache.TryClaim(Key("t1"), "t1", out var slot, out _).Should().BeNull();
        var outcome = ToolCallResult.Failure("t1", "boom");
        slot!.Complete(outcome);

        var again = cache.TryClaim(Key("t1"), "t1", out var secondSlot, out _);

        (secondSlot is null).Should().BeTrue();
        Same(await again!, outcome);
        cache.Count.Should().Be(1);
    }

    [Fact]
    public async Task TryClaim_RetryBeforeTheOutcome_WaitsForItAndTheFirstOutcomeCounts()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
        cache.TryClaim(Key("t1"), "t1", out var slot, out _).Should().BeNull();

        var early = cache.TryClaim(Key("t1"), "t1", out _, out _)!;
        var alsoEarly = cache.TryClaim(Key("t1"), "t1", out _, out _)!;
        early.IsCompleted.Should().BeFalse("the first claim has no outcome yet");

        var outcome = ToolCallResult.Failure("t1", "first");
        slot!.Complete(outcome);
        slot.Complete(ToolCallResult.Failure("t1", "second"));

        (await early).Should().BeSameAs(outcome);
        (await alsoEarly).Should().BeSameAs(outcome);
        Same(await cache.TryClaim(Key("t1"), "t1", out _, out _)!, outcome);
    }

    [Fact]
    public async Task Slot_RetriesRacingTheOutcome_AllGetIt()
    {
        for (var round = 0; round < 200; round++)
        {
            var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
            _ = cache.TryClaim(Key("t1"), "t1", out var slot, out _);
            var outcome = ToolCallResult.Failure("t1", "done");
            var retries = Enumerable.Range(0, 2).Select(i => Task.Run(() => cache.TryClaim(Key("t1"), "t1", out _, out _)!)).ToArray();
            slot!.Complete(outcome);

            foreach (var retry in retries)
            {
                Same(await retry.WaitAsync(TimeSpan.FromSeconds(30)), outcome);
            }
        }
    }

    [Fact]
    public void TryClaim_AfterTheWindow_ClaimsAgainAndForgetsTheExpiredEntry()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
        cache.TryClaim(Key("t1"), "t1", out _, out _);

        _time.Advance(TimeSpan.FromMinutes(5));

        cache.TryClaim(Key("t1"), "t1", out var slot, out _).Should().BeNull();
        (slot is not null).Should().BeTrue();
        cache.Count.Should().Be(1);
    }

    [Fact]
    public void TryClaim_MoreKeysThanCapacity_EvictsTheOldestAndStaysBounded()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 3, TimeSpan.FromMinutes(5));

        for (var i = 0; i < 10; i++)
        {
            cache.TryClaim(Key($"t{i}"), $"t{i}", out _, out _).Should().BeNull();
        }

        cache.Count.Should().Be(3);
        cache.TryClaim(Key("t9"), "t9", out var newest, out _).Should().NotBeNull("the newest entry is kept");
        (newest is null).Should().BeTrue();
        cache.TryClaim(Key("t0"), "t0", out var oldest, out _).Should().BeNull("the oldest entry was evicted");
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
            if (cache.TryClaim(Key($"t{i / 2}"), $"t{i / 2}", out var _, out var _) is null)
            {
                Interlocked.Increment(ref winners);
            }

            return ValueTask.CompletedTask;
        });

        winners.Should().Be(10_000);
        cache.Count.Should().Be(10_000);
    }

    [Fact]
    public async Task TryClaim_ASerialisedResult_IsKeptAsItsJsonAndAnswersTheRetryWithItsId()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
        _ = cache.TryClaim(Key("t1"), "t1", out var slot, out _);
        var json = "{\"ok\":true}"u8.ToArray();
        slot!.Complete(ToolCallResult.SuccessJson("t1", json));

        var again = await cache.TryClaim(Key("t1"), "t1", out _, out _)!;

        again.ToolCallId.Should().Be("t1");
        again.IsError.Should().BeFalse();
        again.ResultText().Should().Be("{\"ok\":true}");
    }

    [Fact]
    public async Task TryClaim_AnOutcomeForAnotherToolCallId_IsKeptWhole()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
        _ = cache.TryClaim(Key("t1"), "t1", out var slot, out _);
        var outcome = ToolCallResult.Failure("other", "boom");
        slot!.Complete(outcome);

        (await cache.TryClaim(Key("t1"), "t1", out _, out _)!).Should().BeSameAs(outcome);
    }

    [Fact]
    public async Task TryClaim_SameIdsOtherArguments_RunsAndIsReused_AndTheFirstCallsRetryStillGetsItsOutcome()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
        cache.TryClaim(Key("t1"), "t1", out var first, out var reused).Should().BeNull();
        reused.Should().BeFalse("the ids are new");
        first!.Complete(ToolCallResult.Failure("t1", "first"));

        cache.TryClaim(Key("t1", "other"), "t1", out var second, out reused).Should().BeNull("other arguments are another call");
        reused.Should().BeTrue("the same ids with other arguments");
        second!.Complete(ToolCallResult.Failure("t1", "second"));

        var retry = cache.TryClaim(Key("t1"), "t1", out _, out reused);
        reused.Should().BeFalse("a retry is no reuse");
        (await retry!).Error.Should().Be("first");
        (await cache.TryClaim(Key("t1", "other"), "t1", out _, out _)!).Error.Should().Be("second");
        cache.TryClaim(Key("t1", "third"), "t1", out _, out reused).Should().BeNull();
        reused.Should().BeTrue("the newest use of the ids had other arguments");
    }

    [Fact]
    public async Task TryClaim_CollidingHashes_NeverShareAnOutcome()
    {
        // Every key and every ids hash alike: the chains hold them all, and only an exactly equal key is a retry.
        var cache = new ToolCallOutcomeCache(_time, capacity: 100, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 50; i++)
        {
            cache.TryClaim(Colliding($"t{i}"), $"t{i}", out var slot, out var reused).Should().BeNull($"t{i} is a call of its own");
            reused.Should().BeFalse("other ids, though their hash is the same");
            slot!.Complete(ToolCallResult.Failure($"t{i}", $"outcome {i}"));
        }

        for (var i = 0; i < 50; i++)
        {
            (await cache.TryClaim(Colliding($"t{i}"), $"t{i}", out _, out _)!).Error.Should().Be($"outcome {i}");
        }

        cache.TryClaim(Colliding("t7", "other"), "t7", out _, out var again).Should().BeNull();
        again.Should().BeTrue();
    }

    [Fact]
    public async Task TryClaim_OneToolCallIdUsedForManyCalls_EachIsItsOwnCallAndEachAfterTheFirstIsAReuse()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 300, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 500; i++)
        {
            cache.TryClaim(Key("t1", $"f{i}"), "t1", out var slot, out var reused).Should().BeNull();
            reused.Should().Be(i > 0);
            slot!.Complete(ToolCallResult.Failure("t1", $"outcome {i}"));
        }

        for (var i = 200; i < 500; i++)
        {
            (await cache.TryClaim(Key("t1", $"f{i}"), "t1", out _, out var reused)!).Error.Should().Be($"outcome {i}");
            reused.Should().BeFalse();
        }

        cache.TryClaim(Key("t1", "f199"), "t1", out _, out var again).Should().BeNull("the oldest were evicted");
        again.Should().BeTrue();
    }

    [Fact]
    public async Task TryClaim_PastTheCapacityAsTheRingGrowsAndWraps_KeepsExactlyTheNewest()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 100, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 350; i++)
        {
            cache.TryClaim(Key($"t{i}"), $"t{i}", out var slot, out _).Should().BeNull();
            slot!.Complete(ToolCallResult.Failure($"t{i}", $"outcome {i}"));
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        cache.Count.Should().Be(100);
        for (var i = 250; i < 350; i++)
        {
            (await cache.TryClaim(Key($"t{i}"), $"t{i}", out _, out _)!).Error.Should().Be($"outcome {i}");
        }

        cache.TryClaim(Key("t249"), "t249", out _, out _).Should().BeNull("the oldest were evicted");
    }

    [Fact]
    public async Task TryClaim_ResultsOfAnySizeAsTheBufferWrapsAndGrows_AnswerTheirRetriesByteForByte()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 50, TimeSpan.FromMinutes(5));
        var late = new List<(int Call, ToolCallOutcomeCache.Slot Slot)>();
        for (var i = 0; i < 600; i++)
        {
            // Now and then a pause longer than the window: every call before is forgotten.
            _time.Advance(TimeSpan.FromSeconds(i % 100 == 40 ? 400 : 1));
            cache.TryClaim(Key($"t{i}"), $"t{i}", out var slot, out _).Should().BeNull();
            if (i % 7 == 3)
            {
                // Some calls end after newer ones were claimed (many of them after they were forgotten).
                late.Add((i, slot!));
                continue;
            }

            slot!.Complete(ToolCallResult.SuccessJson($"t{i}", Json(i)));
        }

        foreach (var (call, slot) in late.Where(l => l.Call < 580))
        {
            slot.Complete(ToolCallResult.SuccessJson($"t{call}", Json(call)));
        }

        cache.Count.Should().BeLessThanOrEqualTo(50);
        for (var i = 550; i < 600; i++)
        {
            var retry = cache.TryClaim(Key($"t{i}"), $"t{i}", out _, out _);
            if (i % 7 == 3 && i >= 580)
            {
                retry!.IsCompleted.Should().BeFalse("the call still runs");
                continue;
            }

            var again = await retry!;
            again.ToolCallId.Should().Be($"t{i}");
            again.ResultText().Should().Be(System.Text.Encoding.UTF8.GetString(Json(i)));
        }

        // A different length every call (up to 20 KB), of bytes that tell the calls apart.
        static byte[] Json(int i) => System.Text.Encoding.UTF8.GetBytes($"\"{i}:{new string((char)('a' + (i % 26)), i * 37 % 20_000)}\"");
    }

    [Fact]
    public async Task TryClaim_ConcurrentClaimsRetriesAndOutcomesPastTheCapacity_EveryAnswerIsItsOwnCallsResult()
    {
        // Each call comes three times in a row (a claim and two retries, or more claims once it was forgotten); few entries
        // for many calls: evictions, buffer wraps and growth race with claims, retries and outcomes.
        var cache = new ToolCallOutcomeCache(_time, capacity: 64, TimeSpan.FromMinutes(5));
        var answered = 0;
        await Parallel.ForAsync(0, 40_000, async (i, token) =>
        {
            var call = i / 3 % 500;
            var retry = cache.TryClaim(Key($"t{call}"), $"t{call}", out var slot, out var reused);
            if (retry is null)
            {
                slot!.Complete(ToolCallResult.SuccessJson($"t{call}", Json(call)));
                return;
            }

            var result = await retry.WaitAsync(TimeSpan.FromSeconds(30), token);
            result.ToolCallId.Should().Be($"t{call}");
            result.ResultText().Should().Be(System.Text.Encoding.UTF8.GetString(Json(call)));
            Interlocked.Increment(ref answered);
        });

        cache.Count.Should().BeLessThanOrEqualTo(64);
        answered.Should().BeGreaterThan(0, "some retries came while their call was remembered");

        static byte[] Json(int call) => System.Text.Encoding.UTF8.GetBytes($"\"{call}:{new string((char)('a' + (call % 26)), call * 7 % 900)}\"");
    }

    [Fact]
    public async Task TryClaim_TheBufferGrowingUnderRememberedCalls_KeepsEveryKeyAndResult()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 1000, TimeSpan.FromMinutes(5));
        ToolCallOutcomeCache.Slot? running = null;
        for (var i = 0; i < 300; i++)
        {
            // Each call ends after the next one is claimed: the buffer holds key, key, result, key, result, ...
            cache.TryClaim(Key($"t{i}"), $"t{i}", out var slot, out _).Should().BeNull();
            running?.Complete(ToolCallResult.SuccessJson($"t{i - 1}", Json(i - 1)));
            running = slot;
        }

        running!.Complete(ToolCallResult.SuccessJson("t299", Json(299)));

        for (var i = 0; i < 300; i++)
        {
            (await cache.TryClaim(Key($"t{i}"), $"t{i}", out _, out _)!).ResultText().Should().Be(System.Text.Encoding.UTF8.GetString(Json(i)));
        }

        static byte[] Json(int i) => System.Text.Encoding.UTF8.GetBytes($"\"{i}:{new string((char)('a' + (i % 26)), i * 10)}\"");
    }

    [Fact]
    public async Task TryClaim_AResultLargerThanTheBuffer_IsKept()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 10, TimeSpan.FromMinutes(5));
        var json = System.Text.Encoding.UTF8.GetBytes($"\"{new string('x', 300_000)}\"");
        _ = cache.TryClaim(Key("small"), "small", out var small, out _);
        small!.Complete(ToolCallResult.SuccessJson("small", "1"u8.ToArray()));
        _ = cache.TryClaim(Key("t1"), "t1", out var slot, out _);
        slot!.Complete(ToolCallResult.SuccessJson("t1", json));

        (await cache.TryClaim(Key("t1"), "t1", out _, out _)!).ResultText().Should().HaveLength(300_002);
        (await cache.TryClaim(Key("small"), "small", out _, out _)!).ResultText().Should().Be("1");
    }

    [Fact]
    public void TryClaim_AfterTheWindow_ForgetsEveryExpiredCall_NotTheOthers()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 100, TimeSpan.FromMinutes(5));
        for (var i = 0; i < 30; i++)
        {
            cache.TryClaim(Key($"t{i}"), $"t{i}", out _, out _);
        }

        _time.Advance(TimeSpan.FromMinutes(3));
        cache.TryClaim(Key("late"), "late", out _, out _);
        _time.Advance(TimeSpan.FromMinutes(2));

        cache.TryClaim(Key("t0", "other"), "t0", out _, out var reused).Should().BeNull();
        reused.Should().BeFalse("the earlier use has expired");
        cache.Count.Should().Be(2, "the expired calls are forgotten, the late one and the new one kept");
        cache.TryClaim(Key("late"), "late", out _, out _).Should().NotBeNull("within its window");
    }

    [Fact]
    public void Reused_SameIdsOtherKey_IsReused_SameKeyOrOtherIdsOrExpired_IsNot()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 100, TimeSpan.FromMinutes(5));
        var first = ToolCallKey.Create("call-1", "call_0", "send_sms", "f1");

        cache.Reused(first).Should().BeFalse("the ids are new");
        cache.Reused(first).Should().BeFalse("the same key again is a retry, not a reuse");
        cache.Reused(ToolCallKey.Create("call-1", "call_00", "send_sms", "f2")).Should().BeFalse("other ids");
        cache.Reused(ToolCallKey.Create("call-1", "call_0", "send_sms", "f2")).Should().BeTrue("the same ids with other arguments");
        cache.Reused(ToolCallKey.Create("call-1", "call_0", "send_email", "f2")).Should().BeTrue("the same ids for another tool");
        cache.TryClaim(RecentCallKey.From(first), "call_0", out _, out _).Should().BeNull("a call only noted (async) has no outcome to give");

        _time.Advance(TimeSpan.FromMinutes(5));

        cache.Reused(ToolCallKey.Create("call-1", "call_0", "send_sms", "f3")).Should().BeFalse("the earlier uses have expired");
    }

    [Fact]
    public void Disabled_KeepsNothing()
    {
        var cache = new ToolCallOutcomeCache(_time, capacity: 0, TimeSpan.FromMinutes(5));

        cache.TryClaim(Key("t1"), "t1", out var slot, out _).Should().BeNull();
        cache.Reused(Key("t1")).Should().BeFalse();
        (slot is null).Should().BeTrue();
        cache.Count.Should().Be(0);
    }

    private static RecentCallKey Key(string toolCallId, string arguments = "f") => RecentCallKey.From(ToolCallKey.Create("call", toolCallId, "tool", arguments));

    private static RecentCallKey Colliding(string toolCallId, string arguments = "f") => Key(toolCallId, arguments) with { IdsHash = 42, KeyHash = 42 };

    private static void Same(ToolCallResult actual, ToolCallResult expected)
    {
        actual.ToolCallId.Should().Be(expected.ToolCallId);
        actual.Error.Should().Be(expected.Error);
        actual.ResultText().Should().Be(expected.ResultText());
    }
}
