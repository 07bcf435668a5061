using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Async;

/// <summary>Runs the calls of the in-process <see cref="ChannelToolWorkQueue"/> in the background, with retries and a drain on shutdown.</summary>
/// <remarks>
/// <para>
/// <see cref="AsyncToolOptions.MaxConcurrency"/> workers each take one call at a time. A call whose attempt ends with an
/// exception or a timeout is retried up to <see cref="AsyncToolOptions.MaxRetries"/> times after
/// <see cref="AsyncToolOptions.RetryDelay"/>, doubling up to <see cref="AsyncToolOptions.MaxRetryDelay"/>; the worker
/// keeps the call while it waits, so a failing dependency slows intake (the queue fills and rejects) instead of piling up work.
/// </para>
/// <para>
/// On stop the queue refuses new calls, and waiting and running calls get <see cref="AsyncToolOptions.ShutdownTimeout"/>
/// to finish. Then running attempts are cancelled and every call not completed is logged at Error with its tool name and ids.
/// The host's own shutdown timeout should be longer than the drain timeout.
/// </para>
/// <para>The processor only serves the in-process queue: when another <see cref="IToolWorkQueue"/> is registered, it stays idle.</para>
/// </remarks>
internal sealed class ToolWorkProcessor : BackgroundService
{
    // The longest finite wait Task.Delay and Task.WaitAsync accept.
    private const double MaxTimerMilliseconds = uint.MaxValue - 1;

    private readonly ChannelToolWorkQueue _queue;
    private readonly IToolWorkRunner _runner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ToolWorkProcessor> _logger;
    private readonly bool _active;
    private readonly string _activeQueueType;
    private readonly int _maxRetries;
    private readonly TimeSpan _retryDelay;
    private readonly TimeSpan _maxRetryDelay;
    private readonly TimeSpan _drainTimeout;
    private readonly CancellationTokenSource _abort = new();

    // Completed by the abort before the token is cancelled, so the host's stop never waits on cancellation callbacks.
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Kept apart from _abort: workers abandoned at shutdown may still read it after the processor is disposed.
    private readonly CancellationToken _abortToken;

    // The call each worker holds (running or waiting for a retry); claimed with Interlocked.Exchange so that a call is
    // reported exactly once: as finished by its worker, or as not completed by the shutdown.
    private readonly ToolWorkItem?[] _current;

    public ToolWorkProcessor(
        ChannelToolWorkQueue queue,
        IToolWorkQueue activeQueue,
        IToolWorkRunner runner,
        IOptions<FlireoToolsOptions> options,
        TimeProvider timeProvider,
        ILogger<ToolWorkProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(activeQueue);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var async = options.Value.AsyncTools;
        _queue = queue;
        _runner = runner;
        _timeProvider = timeProvider;
        _logger = logger;
        _active = ReferenceEquals(queue, activeQueue);
        _activeQueueType = activeQueue.GetType().FullName ?? activeQueue.GetType().Name;
        _maxRetries = Math.Max(0, async.MaxRetries);
        _retryDelay = async.RetryDelay;
        _maxRetryDelay = async.MaxRetryDelay;
        _drainTimeout = ClampTimerDelay(async.ShutdownTimeout);
        _abortToken = _abort.Token;
        _current = new ToolWorkItem?[Math.Max(1, async.MaxConcurrency)];
    }

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

    /// <summary>Returns a drain timeout a timer accepts: zero for negative values, infinite for values longer than a timer can wait.</summary>
    private static TimeSpan ClampTimerDelay(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return delay.TotalMilliseconds > MaxTimerMilliseconds ? Timeout.InfiniteTimeSpan : delay;
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_active)
        {
            _queue.Complete();
            var execute = ExecuteTask;
            if (execute is { IsCompleted: false })
            {
                ToolWorkLog.Draining(_logger, _queue.Count, _drainTimeout.TotalMilliseconds);
                if (!await ToolWorkExecution.DrainAsync(execute, _drainTimeout, _timeProvider, _logger, cancellationToken).ConfigureAwait(false))
                {
                    Abort();
                }
            }
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _abort.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_active)
        {
            ToolWorkLog.ProcessorInactive(_logger, _activeQueueType);
            return;
        }

        // StopAsync drains before the stopping token fires; a stop without StopAsync (disposal) cancels at once.
        using var registration = stoppingToken.Register(static state => ((ToolWorkProcessor)state!).CancelWork(), this);
        ToolWorkLog.ProcessorStarted(_logger, _current.Length);
        var workers = new Task[_current.Length];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkAsync(i);
        }

        // Calls that ignore cancellation do not hold the host: after the abort the workers are abandoned.
        await Task.WhenAny(Task.WhenAll(workers), _aborted.Task).ConfigureAwait(false);
    }

    private async Task WorkAsync(int slot)
    {
        // Start each worker on the thread pool so that a tool that blocks its thread blocks only its own worker.
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        var reader = _queue.Reader;
        while (true)
        {
            ToolWorkItem item;
            try
            {
                item = await reader.ReadAsync(_abortToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await ProcessAsync(slot, item).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(int slot, ToolWorkItem item)
    {
        Volatile.Write(ref _current[slot], item);
        var started = _timeProvider.GetTimestamp();
        var attempt = 0;
        var outcome = default(ToolRunOutcome);
        var finished = false;
        try
        {
            while (!_abortToken.IsCancellationRequested)
            {
                attempt++;
                outcome = await ToolWorkExecution.RunAttemptAsync(_runner, item, attempt, _logger, _abortToken).ConfigureAwait(false);
                if (outcome.Status == ToolRunStatus.Succeeded || !outcome.IsRetryable)
                {
                    finished = true;
                    break;
                }

                if (_abortToken.IsCancellationRequested)
                {
                    break;
                }

                if (attempt > _maxRetries)
                {
                    finished = true;
                    break;
                }

                var delay = ComputeRetryDelay(attempt, _retryDelay, _maxRetryDelay);
                ToolWorkMetrics.RecordRetry(item.ToolName);
                ToolWorkLog.WorkItemRetrying(_logger, item.ToolName, item.ToolCallId, attempt, outcome.Status, outcome.Error, delay.TotalMilliseconds);
                await Task.Delay(delay, _timeProvider, _abortToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abortToken.IsCancellationRequested)
        {
        }

        if (Interlocked.Exchange(ref _current[slot], null) is null)
        {
            // The shutdown already reported this call as not completed.
            return;
        }

        if (!finished)
        {
            ReportNotCompleted(item);
            return;
        }

        _queue.MarkFinished(item);
        if (outcome.Status == ToolRunStatus.Succeeded)
        {
            ToolWorkMetrics.RecordCompleted(item.ToolName);
            ToolWorkLog.WorkItemCompleted(_logger, item.ToolName, item.ToolCallId, attempt, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
        else
        {
            ToolWorkMetrics.RecordFailed(item.ToolName, outcome.Status);
            ToolWorkLog.WorkItemFailed(_logger, item.ToolName, item.ToolCallId, item.CallId, attempt, outcome.Status, outcome.Error);
        }
    }

    private void Abort()
    {
        var count = 0;
        for (var i = 0; i < _current.Length; i++)
        {
            if (Interlocked.Exchange(ref _current[i], null) is { } item)
            {
                ReportNotCompleted(item);
                count++;
            }
        }

        while (_queue.Reader.TryRead(out var waiting))
        {
            ReportNotCompleted(waiting);
            count++;
        }

        ToolWorkLog.DrainIncomplete(_logger, count);
        _aborted.TrySetResult();

        // Cancellation callbacks may run tool code inline; run them on the thread pool so a tool cannot block the stop.
        _ = _abort.CancelAsync();
    }

    private void CancelWork()
    {
        _aborted.TrySetResult();
        _abort.Cancel();
    }

    private void ReportNotCompleted(ToolWorkItem item)
    {
        ToolWorkMetrics.RecordAbandoned(item.ToolName);
        ToolWorkLog.WorkItemNotCompleted(_logger, item.ToolName, item.ToolCallId, item.CallId);
    }
}
