using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Testing.Tests;

public sealed class TimerTrackingTimeProviderTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);
    private readonly FakeTimeProvider _clock = new();
    private readonly TimerTrackingTimeProvider _time;

    public TimerTrackingTimeProviderTests()
    {
        _time = new TimerTrackingTimeProvider(_clock);
    }

    [Fact]
    public async Task WaitForTimer_TimerStartedLater_CompletesWhenItStarts()
    {
        var waiting = _time.WaitForTimerAsync(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10), CancellationToken.None);
        var before = waiting.IsCompleted;

        using var timer = _time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(9), Timeout.InfiniteTimeSpan);
        await waiting;

        before.Should().BeFalse();
    }

    [Fact]
    public async Task WaitForTimer_NoSuchTimer_ThrowsNamingThePendingTimers()
    {
        using var timer = _time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        var wait = () => _time.WaitForTimerAsync(TimeSpan.FromSeconds(9), Short, CancellationToken.None);

        await wait.Should().ThrowAsync<TimeoutException>().WithMessage("No timer of 9 s was started*Pending timers: 5 s.*");
    }

    [Fact]
    public async Task WaitForTimer_TimerDisposed_IsNoLongerPending()
    {
        _time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(9), Timeout.InfiniteTimeSpan).Dispose();

        var wait = () => _time.WaitForTimerAsync(TimeSpan.FromSeconds(9), Short, CancellationToken.None);

        await wait.Should().ThrowAsync<TimeoutException>().WithMessage("*Pending timers: none.*");
    }

    [Fact]
    public async Task WaitForTimer_OneShotTimerFired_IsNoLongerPending()
    {
        var fired = 0;
        using var timer = _time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(9), Timeout.InfiniteTimeSpan);
        _clock.Advance(TimeSpan.FromSeconds(9));

        var wait = () => _time.WaitForTimerAsync(TimeSpan.FromSeconds(9), Short, CancellationToken.None);

        fired.Should().Be(1);
        await wait.Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task WaitForTimer_TimerChangedToThatDueTime_Completes()
    {
        using var timer = _time.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(3), Short, CancellationToken.None);
    }

    [Fact]
    public async Task WaitForTimer_DefaultLimit_CompletesWhenTheTimerStarts()
    {
        var waiting = _time.WaitForTimerAsync(TimeSpan.FromSeconds(30));

        using var timer = _time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        await waiting;

        _time.PendingTimers.Should().Equal(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Advance_PendingTimerComesDue_FiresItAndItIsNoLongerPending()
    {
        var fired = 0;
        using var timer = _time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(9), Timeout.InfiniteTimeSpan);

        _time.Advance(TimeSpan.FromSeconds(9));

        fired.Should().Be(1);
        _time.PendingTimers.Should().BeEmpty();
        _clock.GetUtcNow().Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public void StartedTimers_FiredDisposedAndChanged_KeepsEveryDueTimeInOrder()
    {
        using var fired = _time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        _time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan).Dispose();
        using var changed = _time.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _time.Advance(TimeSpan.FromSeconds(1));

        changed.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        _time.StartedTimers.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        _time.PendingTimers.Should().Equal(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Clock_IsTheFakeClock()
    {
        _clock.Advance(TimeSpan.FromMinutes(3));

        _time.Clock.Should().BeSameAs(_clock);
        _time.GetUtcNow().Should().Be(_clock.GetUtcNow());
        _time.GetTimestamp().Should().Be(_clock.GetTimestamp());
        _time.TimestampFrequency.Should().Be(_clock.TimestampFrequency);
    }
}
