namespace Flireo.Tools.Async;

/// <summary>Wakes a waiting <see cref="DurableToolWorkProcessor"/> when a call was stored or a worker became free.</summary>
internal sealed class ToolWorkSignal
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the waiter, or makes its next wait return at once.</summary>
    public void Notify() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Forgets an earlier notification; call it before looking for work, so a notification after the look is not lost.</summary>
    public void Reset()
    {
        var current = Volatile.Read(ref _signal);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _signal).Task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
