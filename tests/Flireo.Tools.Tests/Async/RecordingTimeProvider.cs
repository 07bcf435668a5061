using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.Async;

/// <summary>A fake clock that reports each timer created, so a test can advance time only once a wait has begun.</summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private readonly ConcurrentQueue<TimeSpan> _created = new();

    public RecordingTimeProvider()
        : base(new DateTimeOffset(2025, 12, 13, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Enqueue(dueTime);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until the code under test creates its next timer and returns the timer's due time.</summary>
    public Task<TimeSpan> NextTimerAsync() => _timers.Reader.ReadAsync().AsTask().WaitAsync(AsyncTestTimeout.Value);

    /// <summary>Waits until the code under test creates a timer due after <paramref name="dueTime"/>, skipping other timers.</summary>
    public async Task TimerAsync(TimeSpan dueTime)
    {
        while (await NextTimerAsync() != dueTime)
        {
        }
    }

    /// <summary>Gets the due time of every timer created so far, in creation order.</summary>
    public IReadOnlyList<TimeSpan> CreatedTimers => [.. _created];
}
