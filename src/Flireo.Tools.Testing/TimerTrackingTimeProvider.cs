using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Testing;

/// <summary>Serves the app's time from a <see cref="FakeTimeProvider"/> and keeps track of the timers the app starts.</summary>
/// <remarks>
/// A test must advance the fake clock only after the code under test has started its timer: a timer started after
/// <see cref="FakeTimeProvider.Advance"/> counts from the new time and never fires. This provider lets a test wait for that.
/// </remarks>
internal sealed class TimerTrackingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly List<TrackedTimer> _pending = [];
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Signal)> _waiters = [];

    public TimerTrackingTimeProvider(FakeTimeProvider clock)
    {
        _clock = clock;
    }

    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var tracked = new TrackedTimer(this, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _pending.Add(tracked);
            }
        }

        tracked.Inner = _clock.CreateTimer(
            static s =>
            {
                var (timer, callback, state) = ((TrackedTimer, TimerCallback, object?))s!;
                timer.Fired();
                callback(state);
            },
            (tracked, callback, state),
            dueTime,
            period);
        Signal();
        return tracked;
    }

    /// <summary>Completes when a timer with the given due time is pending: started, and neither fired nor disposed.</summary>
    /// <param name="dueTime">The due time the timer was started (or last changed) with.</param>
    /// <param name="timeout">How long to wait in real time before giving up.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when such a timer is pending.</returns>
    /// <exception cref="TimeoutException">No such timer was started within <paramref name="timeout"/>.</exception>
    public async Task WaitForTimerAsync(TimeSpan dueTime, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (HasPending(dueTime))
            {
                return;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, signal));
        }

        try
        {
            await signal.Task.WaitAsync(timeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var waited = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new TimeoutException(
                $"No timer of {Describe(dueTime)} was started within {waited} s of real time. Pending timers: {DescribePending()}. "
                + "Start the work first (for example, keep the Task of CallToolAsync without awaiting it), then wait for its timer.");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Signal == signal);
            }
        }
    }

    private static string Describe(TimeSpan dueTime)
        => dueTime == Timeout.InfiniteTimeSpan ? "infinite" : string.Create(CultureInfo.InvariantCulture, $"{dueTime.TotalSeconds:0.###} s");

    private bool HasPending(TimeSpan dueTime)
    {
        foreach (var timer in _pending)
        {
            if (timer.DueTime == dueTime)
            {
                return true;
            }
        }

        return false;
    }

    private string DescribePending()
    {
        lock (_gate)
        {
            return _pending.Count == 0 ? "none" : string.Join(", ", _pending.Select(t => Describe(t.DueTime)));
        }
    }

    private void Signal()
    {
        List<TaskCompletionSource>? ready = null;
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (HasPending(_waiters[i].DueTime))
                {
                    (ready ??= []).Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        if (ready is not null)
        {
            foreach (var signal in ready)
            {
                signal.TrySetResult();
            }
        }
    }

    private void Remove(TrackedTimer timer)
    {
        lock (_gate)
        {
            _pending.Remove(timer);
        }
    }

    private void Update(TrackedTimer timer, bool pending)
    {
        lock (_gate)
        {
            _pending.Remove(timer);
            if (pending)
            {
                _pending.Add(timer);
            }
        }

        if (pending)
        {
            Signal();
        }
    }

    private sealed class TrackedTimer(TimerTrackingTimeProvider owner, TimeSpan dueTime, TimeSpan period) : ITimer
    {
        private TimeSpan _period = period;

        public TimeSpan DueTime { get; private set; } = dueTime;

        public ITimer? Inner { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DueTime = dueTime;
            _period = period;
            owner.Update(this, dueTime != Timeout.InfiniteTimeSpan);
            return Inner?.Change(dueTime, period) ?? false;
        }

        public void Fired()
        {
            // A one-shot timer is done once it fires; a periodic one stays pending.
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                owner.Remove(this);
            }
        }

        public void Dispose()
        {
            owner.Remove(this);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return Inner?.DisposeAsync() ?? ValueTask.CompletedTask;
        }
    }
}
