using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.Webhooks.Support;

/// <summary>A fake clock that also reports when code under test starts a timer, so a test advances time only after it has.</summary>
public sealed class ObservableTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _created = [];
    private readonly List<(TimeSpan DueTime, int Occurrence, TaskCompletionSource Signal)> _waiters = [];

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        List<TaskCompletionSource> matched = [];
        lock (_gate)
        {
            _created.Add(dueTime);
            var count = _created.Count(d => d == dueTime);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].DueTime == dueTime && _waiters[i].Occurrence <= count)
                {
                    matched.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var signal in matched)
        {
            signal.TrySetResult();
        }

        return timer;
    }

    /// <summary>Completes once the given number of timers with that due time have been created, waiting a few seconds at most.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, int occurrence = 1)
    {
        lock (_gate)
        {
            if (_created.Count(d => d == dueTime) >= occurrence)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, occurrence, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
