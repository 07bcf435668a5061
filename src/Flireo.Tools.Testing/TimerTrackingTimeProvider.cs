using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Testing;

/// <summary>Serves time from a <see cref="FakeTimeProvider"/> and keeps track of the timers the code under test starts.</summary>
/// <remarks>
/// <para>
/// A test must advance the fake clock only after the code under test has started its timer: a timer started after
/// <see cref="FakeTimeProvider.Advance"/> counts from the new time and never fires. Give the code this provider as its
/// <see cref="TimeProvider"/>, wait for the timer, then advance:
/// </para>
/// <code>
/// var time = new TimerTrackingTimeProvider(new FakeTimeProvider());
/// var pending = worker.RunAsync(time);                 // starts a 30-second timer
/// await time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
/// time.Advance(TimeSpan.FromSeconds(30));              // the timer fires
/// </code>
/// <para><see cref="FlireoTestHost"/> uses one for its app; its <see cref="FlireoTestHost.WaitForTimerAsync"/> waits on it.</para>
/// </remarks>
public sealed class TimerTrackingTimeProvider : TimeProvider
{
    private static readonly TimeSpan DefaultWaitLimit = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<TrackedTimer> _pending = [];
    private readonly List<TimeSpan> _started = [];
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Initializes a new instance of the <see cref="TimerTrackingTimeProvider"/> class around a fake clock.</summary>
    /// <param name="clock">The clock that serves the time and runs the timers; advance it, or this provider, to move time.</param>
    public TimerTrackingTimeProvider(FakeTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
    }

    /// <summary>Gets the fake clock behind this provider.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Gets the due times of the timers started so far (or changed to a due time), in order, whether or not they are still pending.</summary>
    /// <remarks>Lets a test check that code started no timer it should not have, such as a retry wait.</remarks>
    public IReadOnlyList<TimeSpan> StartedTimers
    {
        get
        {
            lock (_gate)
            {
                return [.. _started];
            }
        }
    }

    /// <summary>Gets the due times of the timers that are pending: started, and neither fired nor disposed.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending.Select(static t => t.DueTime)];
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => Clock.TimestampFrequency;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    /// <inheritdoc />
    public override long GetTimestamp() => Clock.GetTimestamp();

    /// <summary>Advances the fake clock, firing the timers that come due.</summary>
    /// <param name="delta">How far to move the time.</param>
    public void Advance(TimeSpan delta) => Clock.Advance(delta);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var tracked = new TrackedTimer(this, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _pending.Add(tracked);
                _started.Add(dueTime);
            }
        }

        tracked.Inner = Clock.CreateTimer(
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
    /// <returns>A task that completes when such a timer is pending; then <c>Advance(dueTime)</c> fires it.</returns>
    /// <exception cref="TimeoutException">No such timer was started within 30 seconds of real time; the message lists the pending timers.</exception>
    public Task WaitForTimerAsync(TimeSpan dueTime) => WaitForTimerAsync(dueTime, DefaultWaitLimit);

    /// <summary>Completes when a timer with the given due time is pending: started, and neither fired nor disposed.</summary>
    /// <param name="dueTime">The due time the timer was started (or last changed) with.</param>
    /// <param name="timeout">How long to wait in real time before giving up.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when such a timer is pending.</returns>
    /// <exception cref="TimeoutException">No such timer was started within <paramref name="timeout"/>; the message lists the pending timers.</exception>
    public async Task WaitForTimerAsync(TimeSpan dueTime, TimeSpan timeout, CancellationToken cancellationToken = default)
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
                _started.Add(timer.DueTime);
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
