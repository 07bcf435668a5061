namespace Flireo.Tools.Async;

/// <summary>Counts the free workers of a <see cref="DurableToolWorkProcessor"/>: one waiter takes all free ones at once, workers give theirs back one by one.</summary>
/// <remarks>
/// A semaphore hands out one count per call, so taking every free worker of a processor allowed thousands of concurrent
/// calls cost thousands of calls per claim. This takes them in one step under a short lock. Only the claim loop waits.
/// </remarks>
internal sealed class WorkerSlots(int count)
{
    private readonly Lock _gate = new();
    private int _free = count;
    private TaskCompletionSource? _waiter;

    /// <summary>Gets the number of free workers now.</summary>
    public int Free
    {
        get
        {
            lock (_gate)
            {
                return _free;
            }
        }
    }

    /// <summary>Waits until at least one worker is free, then takes every free worker.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>How many workers were taken (at least one).</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled while no worker was free.</exception>
    public async ValueTask<int> TakeAllAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task freed;
            lock (_gate)
            {
                if (_free > 0)
                {
                    var taken = _free;
                    _free = 0;
                    return taken;
                }

                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                freed = _waiter.Task;
            }

            await freed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives workers back, and wakes the waiter.</summary>
    /// <param name="count">How many.</param>
    public void Release(int count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _free += count;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }
}
