using System.Collections.Concurrent;

namespace Flireo.Tools.Invocation;

/// <summary>Runs tool code on its own threads, adding one at once whenever all are busy, so tools that block their thread cannot starve the thread pool.</summary>
/// <remarks>
/// <para>
/// Past its minimum the thread pool adds threads slowly (about one or two a second), and deadline timers, request
/// handling and answers all need pool threads: a few hundred tools blocked in <c>Thread.Sleep</c> or a sync-over-async
/// <c>Wait()</c> on pool threads delayed every answer of the server by tens of seconds. Tool code runs here instead,
/// continuations of its own awaits included (they capture this scheduler), so the pool stays free to fire deadlines and
/// write answers.
/// </para>
/// <para>
/// Idle threads wait for work for <see cref="IdleTimeout"/> before they end, so a fast tool costs one hand-off to a
/// waiting thread. At most <see cref="MaxThreads"/> threads run; beyond that, work waits for a thread and the webhook is
/// still answered at its deadline, because the pool is not blocked.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The scheduler lives as long as the process; a SemaphoreSlim whose wait handle is never read holds no OS resource.")]
internal sealed class ToolTaskScheduler : TaskScheduler
{
    /// <summary>The most threads that run tool code at once.</summary>
    public const int MaxThreads = 1024;

    /// <summary>How long an idle thread waits for work before it ends.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(20);

    [ThreadStatic]
    private static ToolTaskScheduler? t_current;

    private readonly ConcurrentQueue<Task> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly int _maxThreads;
    private readonly int _idleTimeoutMilliseconds;

    // Threads alive, and threads waiting for work that no enqueuer has claimed yet.
    private int _threads;
    private int _idle;

    public ToolTaskScheduler(int maxThreads, TimeSpan idleTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        _maxThreads = maxThreads;
        _idleTimeoutMilliseconds = (int)idleTimeout.TotalMilliseconds;
    }

    /// <summary>Gets the scheduler every tool invocation of the process runs on.</summary>
    public static ToolTaskScheduler Shared { get; } = new(MaxThreads, IdleTimeout);

    /// <inheritdoc />
    public override int MaximumConcurrencyLevel => _maxThreads;

    /// <summary>Gets the number of threads alive, for tests.</summary>
    internal int ThreadCount => Volatile.Read(ref _threads);

    /// <summary>Starts a tool invocation on this scheduler.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="invoke">The invocation; it must not throw synchronously in a way the caller cannot observe.</param>
    /// <returns>The invocation's task.</returns>
    public Task<T> Run<T>(Func<Task<T>> invoke)
        => Task.Factory.StartNew(invoke, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <inheritdoc />
    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);

        // Hand the task to a waiting thread if there is one...
        var idle = Volatile.Read(ref _idle);
        while (idle > 0)
        {
            var seen = Interlocked.CompareExchange(ref _idle, idle - 1, idle);
            if (seen == idle)
            {
                _wake.Release();
                return;
            }

            idle = seen;
        }

        // ...else start another, unless the cap is reached: then a busy thread takes it when it finishes.
        if (TryAddThread())
        {
            new Thread(static state => ((ToolTaskScheduler)state!).Work()) { IsBackground = true, Name = "Flireo tool" }.UnsafeStart(this);
        }
    }

    /// <inheritdoc />
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued)
        => ReferenceEquals(t_current, this) && TryExecuteTask(task);

    /// <inheritdoc />
    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        t_current = this;
        while (true)
        {
            while (_queue.TryDequeue(out var task))
            {
                TryExecuteTask(task);
            }

            Interlocked.Increment(ref _idle);

            // A task queued while this thread was going idle may have found no idle thread and no room for a new one.
            if (!_queue.IsEmpty && TryLeaveIdle())
            {
                continue;
            }

            if (_wake.Wait(_idleTimeoutMilliseconds))
            {
                continue;
            }

            if (!TryLeaveIdle())
            {
                // An enqueuer claimed this thread just as it timed out: take the wake-up it sent.
                _wake.Wait();
                continue;
            }

            Interlocked.Decrement(ref _threads);

            // Same race as above, on the way out: stay if work arrived and there is still room for this thread.
            if (_queue.IsEmpty || !TryAddThread())
            {
                t_current = null;
                return;
            }
        }
    }

    private bool TryLeaveIdle()
    {
        var idle = Volatile.Read(ref _idle);
        while (idle > 0)
        {
            var seen = Interlocked.CompareExchange(ref _idle, idle - 1, idle);
            if (seen == idle)
            {
                return true;
            }

            idle = seen;
        }

        return false;
    }

    private bool TryAddThread()
    {
        var threads = Volatile.Read(ref _threads);
        while (threads < _maxThreads)
        {
            var seen = Interlocked.CompareExchange(ref _threads, threads + 1, threads);
            if (seen == threads)
            {
                return true;
            }

            threads = seen;
        }

        return false;
    }
}
