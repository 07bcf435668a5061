using Flireo.Tools.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.Shared;

/// <summary>The fake clocks of the tests, all starting at the same moment (after the test items' enqueue time).</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 3, 24, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock for code whose timers the test does not wait for.</summary>
    public static FakeTimeProvider Create() => new(Start);

    /// <summary>A fake clock that lets the test wait until the code has started a timer before advancing it.</summary>
    public static TimerTrackingTimeProvider CreateTracking() => new(Create());
}
