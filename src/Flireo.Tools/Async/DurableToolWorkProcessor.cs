using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Async;

/// <summary>Runs calls claimed from an <see cref="IToolWorkLeaseStore"/> in the background: retries, dead letters, lease renewal and a drain on shutdown.</summary>
/// <remarks>
/// <para>
/// Up to <see cref="AsyncToolOptions.MaxConcurrency"/> calls run at once. The processor claims due calls when a worker is
/// free and it was notified (a call was stored in this process; with a durable store also when a worker finished) or <see cref="ToolWorkStoreOptions.PollInterval"/>
/// passed (calls stored by other processes, retries that became due, leases of a crashed process that expired).
/// </para>
/// <para>
/// An attempt that ends with an exception or a timeout is stored for a retry after <see cref="AsyncToolOptions.RetryDelay"/>,
/// doubling up to <see cref="AsyncToolOptions.MaxRetryDelay"/>, while attempts remain (<see cref="AsyncToolOptions.MaxRetries"/>);
/// the worker is free in the meantime. A call that fails for good, or whose attempts ran out because processes died while
/// running it, goes to the dead letters. The leases of running calls are renewed every <see cref="ToolWorkStoreOptions.LeaseRenewInterval"/>.
/// </para>
/// <para>
/// On stop (after the host stopped taking webhooks) the processor drains: it keeps claiming and running due calls until a
/// claim finds none and nothing runs, or <see cref="AsyncToolOptions.ShutdownTimeout"/> has passed. Then running attempts
/// are cancelled (a tool that finishes within 2 more seconds still reports its outcome), the leases of the rest are released
/// without counting the attempt, and every call left in the store (released,
/// waiting, or waiting for a retry) is logged by its tool call id: the calls stay stored and run after a restart (or at once
/// on another process sharing the store). With a store shared by several servers (Redis) the drain takes whatever is due,
/// so a busy shared queue can keep it running to the end of its budget; the other servers take over what is left.
/// </para>
/// <para>
/// The default <see cref="InMemoryToolWorkStore"/> runs on this processor too, but its calls die with the process, so: it
/// refuses new calls from the stop on; the drain also waits for calls waiting for a retry; the calls left at the end are
/// lost and logged at Error as not completed; its leases never expire and are not renewed; and instead of polling the
/// processor waits for the next retry to be due (new calls and finished workers wake it).
/// </para>
/// <para>
/// A durable store is opened (<see cref="IToolWorkLeaseStore.OpenAsync"/>) and claimed from one second after the processor
/// started, or at once when a call is stored or the host stops; a store that cannot be opened is logged at Critical and
/// stops the host.
/// </para>
/// <para>
/// A store that keeps no dead letters (it does not implement <see cref="IToolWorkDeadLetterStore"/>) still gets
/// <see cref="IToolWorkLeaseStore.DeadLetterAsync"/>, but the call is logged and counted as failed, not as dead-lettered.
/// </para>
/// </remarks>
internal sealed class DurableToolWorkProcessor : BackgroundService
{
    // The longest finite wait Task.Delay and Task.WaitAsync accept.
    private const double MaxTimerMilliseconds = uint.MaxValue - 1;

    private readonly IToolWorkLeaseStore _store;

    // The store when its calls live in this process only (the default in-memory store), else null.
    private readonly InMemoryToolWorkStore? _local;
    private readonly bool _keepsDeadLetters;
    private readonly ToolWorkSignal _signal;
    private readonly IToolWorkRunner _runner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    // Stopped when the store cannot be opened; null outside a host.
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly ToolWorkStoreOptions _settings;
    private readonly int _maxConcurrency;
    private readonly int _maxRetries;
    private readonly TimeSpan _retryDelay;
    private readonly TimeSpan _maxRetryDelay;
    private readonly TimeSpan _drainTimeout;
    // The most calls left in the store that the stop names one by one.
    private const int MaxListedAtStop = 1000;

    // How long running calls get to stop after the drain budget cancelled them, before they are abandoned and released.
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(2);

    // How long after its start the processor leaves a durable store alone (no open, no claim), unless a call is stored or
    // the host stops first: the host's start and its first webhooks get the CPU, and calls left by an earlier run resume
    // after that. A call stored meanwhile opens the store itself (the queue waits for the open) and wakes the processor.
    internal static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(1);

    private readonly WorkerSlots _slots;
    private readonly ConcurrentDictionary<ToolWorkLease, Task> _running = new();

    // The keys of the calls the stop released (their workers, or the abort), so they are named once.
    private readonly ConcurrentDictionary<string, byte> _released = new(StringComparer.Ordinal);

    // Cancelled when the drain ended (or the host stops without StopAsync): no more claims.
    private readonly CancellationTokenSource _stopClaiming = new();

    // The first stop, which a second one waits for; after disposal without a stop there is nothing left to stop.
    private readonly Lock _stopGate = new();
    private Task? _stopping;
    private bool _disposed;

    // Set when the stop starts: the claim loop ends once a claim finds nothing due and nothing runs.
    private volatile bool _draining;

    // Set when the store could not be opened: nothing was claimed, and nothing is left to drain or list at the stop.
    private volatile bool _openFailed;

    // Cancelled when the drain timed out (or the host stops without StopAsync): running attempts are cancelled.
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Cancelled when no call runs any more: the lease renewal ends.
    private readonly CancellationTokenSource _stopRenewing = new();

    // Kept apart from the sources: workers abandoned at shutdown may still read them after the processor is disposed.
    private readonly CancellationToken _stopClaimingToken;
    private readonly CancellationToken _abortToken;

    public DurableToolWorkProcessor(
        IToolWorkLeaseStore store,
        ToolWorkSignal signal,
        IToolWorkRunner runner,
        AsyncToolOptions options,
        ToolWorkStoreOptions settings,
        TimeProvider timeProvider,
        ILogger logger,
        IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _store = store;
        _local = store as InMemoryToolWorkStore;
        _keepsDeadLetters = store is IToolWorkDeadLetterStore;
        _signal = signal;
        _runner = runner;
        _timeProvider = timeProvider;
        _logger = logger;
        _lifetime = lifetime;
        _settings = settings;
        _maxConcurrency = Math.Max(1, options.MaxConcurrency);
        _maxRetries = Math.Max(0, options.MaxRetries);
        _retryDelay = options.RetryDelay;
        _maxRetryDelay = options.MaxRetryDelay;
        _drainTimeout = options.ShutdownTimeout <= TimeSpan.Zero
            ? TimeSpan.Zero
            : ComputeRetryDelay(1, options.ShutdownTimeout, options.ShutdownTimeout);
        _slots = new WorkerSlots(_maxConcurrency);
        _stopClaimingToken = _stopClaiming.Token;
        _abortToken = _abort.Token;
    }

    /// <summary>Gets how many calls this processor is running now.</summary>
    internal int RunningCount => _running.Count;

    /// <summary>Returns the wait before retry number <paramref name="retry"/>: the first delay doubled per earlier retry, capped.</summary>
    /// <param name="retry">The 1-based retry number.</param>
    /// <param name="firstDelay">The delay before the first retry.</param>
    /// <param name="maxDelay">The longest delay.</param>
    /// <returns>The delay, never negative and never longer than a timer can wait (about 49 days).</returns>
    internal static TimeSpan ComputeRetryDelay(int retry, TimeSpan firstDelay, TimeSpan maxDelay)
    {
        if (firstDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        if (maxDelay < firstDelay)
        {
            maxDelay = firstDelay;
        }

        var delay = firstDelay;
        for (var i = 1; i < retry && delay < maxDelay; i++)
        {
            delay = delay.Ticks > maxDelay.Ticks / 2 ? maxDelay : delay * 2;
        }

        delay = delay < maxDelay ? delay : maxDelay;
        return delay.TotalMilliseconds > MaxTimerMilliseconds ? TimeSpan.FromMilliseconds(MaxTimerMilliseconds) : delay;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A second stop (a host the app runs and a test factory stops again, after it was disposed) waits for the first one;
    /// a stop after disposal without one does nothing, since disposal already cancelled everything.
    /// </remarks>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stopping ?? (_disposed ? Task.CompletedTask : _stopping = StopOnceAsync(cancellationToken));
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        // A call accepted in memory now could be lost at the end of the drain: it is refused instead.
        _local?.StopAccepting();
        _draining = true;
        _signal.Notify();
        var execute = ExecuteTask;
        if (execute is { IsCompleted: false })
        {
            if (_local is null)
            {
                ToolWorkLog.DurableDraining(_logger, _running.Count, _drainTimeout.TotalMilliseconds);
            }
            else
            {
                ToolWorkLog.Draining(_logger, _local.GetStatistics().Count, _drainTimeout.TotalMilliseconds);
            }

            if (!await ToolWorkExecution.DrainAsync(execute, _drainTimeout, _timeProvider, _logger, cancellationToken).ConfigureAwait(false))
            {
                await _stopClaiming.CancelAsync().ConfigureAwait(false);
                await AbortAsync().ConfigureAwait(false);
            }
        }

        await _stopClaiming.CancelAsync().ConfigureAwait(false);
        if (execute is not null && !_openFailed)
        {
            await LogLeftInStoreAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        lock (_stopGate)
        {
            _disposed = true;
        }

        base.Dispose();
        _stopClaiming.Dispose();
        _abort.Dispose();
        _stopRenewing.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // StopAsync drains before the stopping token fires; a stop without StopAsync (disposal) cancels at once.
        using var registration = stoppingToken.Register(static state => ((DurableToolWorkProcessor)state!).CancelAll(), this);
        if (!await OpenStoreAsync().ConfigureAwait(false))
        {
            return;
        }

        ToolWorkLog.ProcessorStarted(_logger, _maxConcurrency, _store.GetType().Name);

        // Leases in memory never expire: nothing to renew.
        var renewal = _local is null ? RenewLeasesAsync(_stopRenewing.Token) : Task.CompletedTask;
        await ClaimLoopAsync().ConfigureAwait(false);

        // Calls that ignore cancellation do not hold the host: after the abort the workers are abandoned.
        await Task.WhenAny(Task.WhenAll(_running.Values), _aborted.Task).ConfigureAwait(false);
        await _stopRenewing.CancelAsync().ConfigureAwait(false);
        await renewal.ConfigureAwait(false);
    }

    // Opens the store off the host's start (new calls wait for it in the queue); a store that cannot be opened stops the host.
    private async Task<bool> OpenStoreAsync()
    {
        try
        {
            if (_local is null)
            {
                await _signal.WaitAsync(StartGrace, _timeProvider, _stopClaimingToken).ConfigureAwait(false);
            }

            await _store.OpenAsync(_stopClaimingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (_stopClaimingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception)
        {
            _openFailed = true;
            ToolWorkLog.StoreOpenFailed(_logger, exception, _store.GetType().Name);
            _lifetime?.StopApplication();
            return false;
        }
    }

    private async Task ClaimLoopAsync()
    {
        var lastMaintenance = long.MinValue;
        while (!_stopClaimingToken.IsCancellationRequested)
        {
            int free;
            try
            {
                free = await _slots.TakeAllAsync(_stopClaimingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_stopClaimingToken.IsCancellationRequested)
            {
                // The workers were freed by calls the abort released, as the wait was being cancelled: those calls must not run again.
                _slots.Release(free);
                return;
            }

            _signal.Reset();
            if (lastMaintenance == long.MinValue || _timeProvider.GetElapsedTime(lastMaintenance) >= _settings.MaintenanceInterval)
            {
                lastMaintenance = _timeProvider.GetTimestamp();
                await RunStoreOperationAsync("maintenance", static (store, token) => store.MaintainAsync(token), _stopClaimingToken).ConfigureAwait(false);
            }

            IReadOnlyList<ToolWorkLease> claimed = [];
            try
            {
                claimed = await _store.ClaimAsync(free, _stopClaimingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopClaimingToken.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                ToolWorkLog.StoreOperationFailed(_logger, exception, "claim");
            }

            if (claimed.Count < free)
            {
                _slots.Release(free - claimed.Count);
            }

            foreach (var lease in claimed)
            {
                // Registered before it starts, so the drain and the renewal always see it. It starts on the thread pool, so a
                // tool that blocks its thread blocks only its own worker.
                var worker = new Task<Task>(static state => ((WorkerStart)state!).Run(), new WorkerStart(this, lease));
                _running[lease] = worker.Unwrap();
                worker.Start(TaskScheduler.Default);
            }

            if (claimed.Count == free)
            {
                continue;
            }

            // In memory the next retry is known: wait for it (or a wake-up) instead of polling.
            var nextDue = _local?.NextDueIn();
            if (_draining && claimed.Count == 0 && _running.IsEmpty && nextDue is null)
            {
                // Drained: nothing due is left and nothing runs (in a durable store calls waiting for a later retry stay
                // stored; in memory the drain waits for them, as they would be lost).
                return;
            }

            var wait = _local is null ? _settings.PollInterval
                : nextDue is { } due ? TimeSpan.FromMilliseconds(Math.Min(due.TotalMilliseconds, MaxTimerMilliseconds))
                : Timeout.InfiniteTimeSpan;
            try
            {
                await _signal.WaitAsync(wait, _timeProvider, _stopClaimingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ProcessAsync(ToolWorkLease lease)
    {
        try
        {
            await ProcessLeaseAsync(lease).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(lease, out _);
            _slots.Release();

            // A free worker is news to the claim loop when it waits for the poll (a durable store may hold more due calls than
            // one claim took) or for the drain to end. In memory a claim takes every new call, new calls and retries wake the
            // loop themselves, so a worker that finished does not (one thread-pool wake-up less per call).
            if (_local is null || _draining)
            {
                _signal.Notify();
            }
        }
    }

    // The state of a worker's start: the processor and the claimed lease, without a closure.
    private sealed record WorkerStart(DurableToolWorkProcessor Processor, ToolWorkLease Lease)
    {
        public Task Run() => Processor.ProcessAsync(Lease);
    }

    private async Task ProcessLeaseAsync(ToolWorkLease lease)
    {
        var item = lease.Item;
        ToolRunOutcome outcome;
        if (lease.Attempt > _maxRetries + 1)
        {
            // Earlier attempts never reported back: the processes running them stopped (a crash, a kill) or lost the lease.
            outcome = new ToolRunOutcome(ToolRunStatus.Exception, $"Attempt {lease.Attempt - 1} of {_maxRetries + 1} never finished: the process running it stopped or lost its lease.");
        }
        else
        {
            var started = _timeProvider.GetTimestamp();
            try
            {
                outcome = await ToolWorkExecution.RunAttemptAsync(_runner, item, lease.Attempt, _logger, _abortToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abortToken.IsCancellationRequested)
            {
                // The shutdown cut the attempt short: the call is given back without counting the attempt.
                await ReleaseAsync(lease).ConfigureAwait(false);
                return;
            }

            if (outcome.Status == ToolRunStatus.Succeeded)
            {
                if (lease.TrySettle())
                {
                    await RunStoreOperationAsync("complete", (store, token) => store.CompleteAsync(lease, token), CancellationToken.None).ConfigureAwait(false);
                    ToolWorkMetrics.RecordCompleted(item.ToolName);
                    ToolWorkLog.WorkItemCompleted(_logger, item.ToolName, item.ToolCallId, lease.Attempt, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
                }

                return;
            }

            if (_abortToken.IsCancellationRequested)
            {
                // A failure while the shutdown cancelled the attempt is not the tool's fault: the call runs again.
                await ReleaseAsync(lease).ConfigureAwait(false);
                return;
            }

            if (outcome.IsRetryable && lease.Attempt <= _maxRetries)
            {
                if (lease.TrySettle())
                {
                    var delay = ComputeRetryDelay(lease.Attempt, _retryDelay, _maxRetryDelay);
                    ToolWorkMetrics.RecordRetry(item.ToolName);
                    ToolWorkLog.WorkItemRetrying(_logger, item.ToolName, item.ToolCallId, lease.Attempt, outcome.Status, outcome.Error, delay.TotalMilliseconds);
                    await RunStoreOperationAsync("retry", (store, token) => store.RetryLaterAsync(lease, outcome, delay, token), CancellationToken.None).ConfigureAwait(false);

                    // The claim loop may be waiting for an earlier retry (or for nothing, in memory): it must see this one's time.
                    _signal.Notify();
                }

                return;
            }
        }

        if (lease.TrySettle())
        {
            await RunStoreOperationAsync("dead-letter", (store, token) => store.DeadLetterAsync(lease, outcome, token), CancellationToken.None).ConfigureAwait(false);
            ToolWorkMetrics.RecordFailed(item.ToolName, outcome.Status);
            if (_keepsDeadLetters)
            {
                ToolWorkMetrics.RecordDeadLettered(item.ToolName, outcome.Status);
                ToolWorkLog.WorkItemDeadLettered(_logger, item.ToolName, item.ToolCallId, item.CallId, lease.Attempt, outcome.Status, outcome.Error);
            }
            else
            {
                // Nothing keeps the call (the in-memory store): the log is all that is left of it.
                ToolWorkLog.WorkItemFailed(_logger, item.ToolName, item.ToolCallId, item.CallId, lease.Attempt, outcome.Status, outcome.Error);
            }
        }
    }

    private async Task RenewLeasesAsync(CancellationToken stopToken)
    {
        var leases = new List<ToolWorkLease>();
        while (true)
        {
            try
            {
                await Task.Delay(_settings.LeaseRenewInterval, _timeProvider, stopToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            leases.Clear();
            leases.AddRange(_running.Keys);
            if (leases.Count > 0)
            {
                await RunStoreOperationAsync("renew", (store, token) => store.RenewAsync(leases, token), stopToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AbortAsync()
    {
        // Cancel first: cooperative tools stop and their workers release the calls, and a call that finished just before keeps
        // its success instead of being released to run twice. Cancellation callbacks may run tool code inline; CancelAsync runs
        // them on the thread pool so a tool cannot block the stop.
        _ = _abort.CancelAsync();
        try
        {
            await Task.WhenAll(_running.Values).WaitAsync(AbortGrace, _timeProvider).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
        }

        // Tools that ignore cancellation are abandoned: their calls are released here and run again after a restart.
        foreach (var lease in _running.Keys)
        {
            await ReleaseAsync(lease).ConfigureAwait(false);
        }

        if (_local is null)
        {
            ToolWorkLog.DurableDrainIncomplete(_logger, _released.Count);
        }

        _aborted.TrySetResult();
    }

    // Gives the lease back without counting the attempt, unless its worker or the shutdown settled it already.
    private async ValueTask<bool> ReleaseAsync(ToolWorkLease lease)
    {
        if (!lease.TrySettle())
        {
            return false;
        }

        await RunStoreOperationAsync("release", (store, token) => store.ReleaseAsync(lease, token), CancellationToken.None).ConfigureAwait(false);
        _signal.Notify();
        if (_local is not null)
        {
            // In memory a released call is lost with the process: it is named with the others left at the stop.
            return true;
        }

        _released.TryAdd(lease.Item.Key, 0);
        ToolWorkMetrics.RecordAbandoned(lease.Item.ToolName);
        ToolWorkLog.WorkItemReleased(_logger, lease.Item.ToolName, lease.Item.ToolCallId, lease.Item.CallId);
        return true;
    }

    // Names every call the stop leaves in the store (the released ones are named already), so nothing acknowledged is left silently.
    private async Task LogLeftInStoreAsync(CancellationToken cancellationToken)
    {
        if (_local is not null)
        {
            await LogLostAsync(_local).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<ToolWorkItem> left;
        try
        {
            left = await _store.ListWaitingAsync(MaxListedAtStop + 1, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            ToolWorkLog.StoreOperationFailed(_logger, exception, "list the calls left");
            return;
        }

        var listed = 0;
        foreach (var item in left)
        {
            if (listed == MaxListedAtStop)
            {
                ToolWorkLog.MoreLeftStored(_logger, MaxListedAtStop);
                break;
            }

            if (!_released.ContainsKey(item.Key))
            {
                ToolWorkLog.WorkItemLeftStored(_logger, item.ToolName, item.ToolCallId, item.CallId);
            }

            listed++;
        }
    }

    // In memory every call left at the stop (released, never started, waiting for a retry) is lost: each is named at Error.
    private async Task LogLostAsync(InMemoryToolWorkStore store)
    {
        var lost = await store.ListWaitingAsync(int.MaxValue, CancellationToken.None).ConfigureAwait(false);
        foreach (var item in lost)
        {
            ToolWorkMetrics.RecordAbandoned(item.ToolName);
            ToolWorkLog.WorkItemNotCompleted(_logger, item.ToolName, item.ToolCallId, item.CallId);
        }

        if (lost.Count > 0)
        {
            ToolWorkLog.DrainIncomplete(_logger, lost.Count);
        }
    }

    private void CancelAll()
    {
        _aborted.TrySetResult();
        _stopClaiming.Cancel();
        _stopRenewing.Cancel();
        _abort.Cancel();
    }

    private async ValueTask RunStoreOperationAsync(string operation, Func<IToolWorkLeaseStore, CancellationToken, ValueTask> action, CancellationToken cancellationToken)
    {
        try
        {
            await action(_store, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            ToolWorkLog.StoreOperationFailed(_logger, exception, operation);
        }
    }
}
