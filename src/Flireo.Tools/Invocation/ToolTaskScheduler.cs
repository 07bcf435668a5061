using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Flireo.Tools.Invocation;

/// <summary>Runs tool code on the thread pool and, when tools block their threads, raises the pool's minimum at once so they cannot starve it.</summary>
/// <remarks>
/// <para>
/// Past its minimum the thread pool adds threads slowly (about one or two a second), and deadline timers, request
/// handling and answers all need pool threads: a few hundred tools blocked in <c>Thread.Sleep</c> or a sync-over-async
/// <c>Wait()</c> delayed every answer of a server by tens of seconds. Tool code runs through this scheduler,
/// continuations of its own awaits included (they capture it), so it knows which pool threads are inside tool code and
/// since when. A watchdog on a thread of its own (pool timers would starve with the pool) counts the threads that have
/// been inside tool code for longer than <see cref="BlockedAfter"/> and, while there are any, keeps the pool's minimum
/// that many threads, plus one for every work item waiting for a thread, above where it was, so the pool creates a thread
/// for other work as soon as one is needed; it lowers it again when they return.
/// </para>
/// <para>
/// A tool call costs one thread-pool work item, usually taken by the same thread as soon as the request awaits it. An
/// earlier version ran tools on threads of its own and paid a thread switch per call, about a fifth of the server's
/// throughput. At most <see cref="MaxCompensation"/> blocked threads are compensated for.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "One instance lives as long as the process; a SemaphoreSlim whose wait handle is never read holds no OS resource.")]
internal sealed class ToolTaskScheduler : TaskScheduler
{
    /// <summary>The most blocked threads the pool's minimum is raised for.</summary>
    public const int MaxCompensation = 1024;

    /// <summary>How long a thread must have been inside tool code to count as blocked.</summary>
    public static readonly TimeSpan BlockedAfter = TimeSpan.FromMilliseconds(20);

    /// <summary>How often the watchdog looks while tools run.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(10);

    // How long the watchdog keeps looking after the last tool started, before it sleeps until the next one.
    private static readonly TimeSpan WatchdogLinger = TimeSpan.FromSeconds(5);

    [ThreadStatic]
    private static ToolThread? t_thread;

    private readonly Lock _threadsGate = new();
    private readonly List<ToolThread> _threads = [];
    private readonly SemaphoreSlim _wakeWatchdog = new(0, 1);
    private readonly long _blockedAfterTicks = (long)(BlockedAfter.TotalSeconds * Stopwatch.Frequency);
    private readonly long _lingerTicks = (long)(WatchdogLinger.TotalSeconds * Stopwatch.Frequency);
    private int _watchdogState; // 0 not started, 1 watching, 2 asleep
    private long _lastStarted;
    private int _compensation;

    private ToolTaskScheduler()
    {
    }

    /// <summary>Gets the scheduler every tool invocation of the process runs on.</summary>
    public static ToolTaskScheduler Shared { get; } = new();

    /// <summary>Gets how many threads the pool's minimum is currently raised by, for tests and diagnostics.</summary>
    internal int Compensation => Volatile.Read(ref _compensation);

    /// <summary>Gets an awaitable that goes on with the awaiting method as a work item of this scheduler.</summary>
    /// <returns>The awaitable; it never completes synchronously.</returns>
    /// <remarks>
    /// An async method that starts with <c>await ToolTaskScheduler.Shared.Enter()</c> returns its own task to its caller at
    /// once and runs the rest on this scheduler: one work item, and no outer task to unwrap and no state object per call.
    /// </remarks>
    public EnterAwaitable Enter() => new(this);

    /// <summary>The awaitable of <see cref="Enter"/>.</summary>
    /// <param name="scheduler">The scheduler the awaiting method goes on in.</param>
    public readonly struct EnterAwaitable(ToolTaskScheduler scheduler) : ICriticalNotifyCompletion
    {
        /// <summary>Gets a value indicating whether the awaiting method is already on the scheduler; never: it always hops.</summary>
        public bool IsCompleted => false;

        /// <summary>Gets the awaiter.</summary>
        /// <returns>This awaitable.</returns>
        public EnterAwaitable GetAwaiter() => this;

        /// <summary>Ends the await.</summary>
        public void GetResult()
        {
        }

        /// <inheritdoc />
        public void OnCompleted(Action continuation) => scheduler.Start(continuation);

        /// <inheritdoc />
        public void UnsafeOnCompleted(Action continuation) => scheduler.Start(continuation);
    }

    /// <summary>Marks the calling thread as inside tool code until the returned scope is disposed, for tool code run without the hop (<see cref="FlireoToolAttribute.NonBlocking"/>).</summary>
    /// <returns>The scope; dispose it on the same thread when the tool's synchronous part has returned.</returns>
    /// <remarks>The watchdog counts the thread like one running a work item of this scheduler, so a tool that blocks anyway still gets the pool grown for it.</remarks>
    public InlineScope EnterInline()
    {
        var now = Stopwatch.GetTimestamp();
        NoteStarted(now);
        return new InlineScope(EnterToolCode(now));
    }

    /// <summary>The scope of <see cref="EnterInline"/>; the default value does nothing.</summary>
    public readonly struct InlineScope : IDisposable
    {
        private readonly ToolThread? _thread;

        internal InlineScope(ToolThread thread) => _thread = thread;

        /// <summary>Marks the thread as outside tool code again (unless it is still inside an outer tool).</summary>
        public void Dispose()
        {
            if (_thread is { } thread)
            {
                LeaveToolCode(thread);
            }
        }
    }

    // The continuation runs inside a task of this scheduler, so TaskScheduler.Current is this scheduler in tool code and
    // the tool's own awaits come back through it. The method it resumes restores its own execution context.
    private void Start(Action continuation)
    {
        try
        {
            new Task(continuation, CancellationToken.None, TaskCreationOptions.DenyChildAttach).Start(this);
        }
        catch (TaskSchedulerException)
        {
            // Queueing failed (the watchdog's thread could not start): the method goes on untracked on the pool rather than
            // never, since an exception thrown here would end the process.
            ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: true);
        }
    }

    /// <inheritdoc />
    protected override void QueueTask(Task task)
    {
        NoteStarted(Stopwatch.GetTimestamp());
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Scheduler.Execute(state.Task), (Scheduler: this, Task: task), preferLocal: true);
    }

    /// <inheritdoc />
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued)
        => t_thread is { Depth: > 0 } && TryExecuteTask(task);

    /// <inheritdoc />
    protected override IEnumerable<Task> GetScheduledTasks() => [];

    private void Execute(Task task)
    {
        var thread = EnterToolCode(Stopwatch.GetTimestamp());
        try
        {
            TryExecuteTask(task);
        }
        finally
        {
            LeaveToolCode(thread);
        }
    }

    // Tool code is about to run (queued, or entered inline): the watchdog watches from now on. Full fences (Interlocked)
    // on both sides: the watchdog writes its state, then reads this time; this writes the time, then reads the state; so
    // one of them always sees the other and no tool starts unwatched.
    private void NoteStarted(long now)
    {
        Interlocked.Exchange(ref _lastStarted, now);
        if (Volatile.Read(ref _watchdogState) != 1)
        {
            WakeWatchdog();
        }
    }

    // The calling thread enters tool code at `now` (an entry inside tool code keeps the outer one's time).
    private ToolThread EnterToolCode(long now)
    {
        var thread = t_thread ?? Register();
        if (thread.Depth++ == 0)
        {
            Volatile.Write(ref thread.EnteredAt, now);
        }

        return thread;
    }

    private static void LeaveToolCode(ToolThread thread)
    {
        if (--thread.Depth == 0)
        {
            Volatile.Write(ref thread.EnteredAt, 0);
        }
    }

    private ToolThread Register()
    {
        var thread = new ToolThread(Thread.CurrentThread);
        lock (_threadsGate)
        {
            _threads.Add(thread);
        }

        t_thread = thread;
        return thread;
    }

    private void WakeWatchdog()
    {
        var state = Interlocked.CompareExchange(ref _watchdogState, 1, 0);
        if (state == 0)
        {
            new Thread(static s => ((ToolTaskScheduler)s!).Watch()) { IsBackground = true, Name = "Flireo tool watchdog" }.UnsafeStart(this);
        }
        else if (state == 2 && Interlocked.CompareExchange(ref _watchdogState, 1, 2) == 2)
        {
            _wakeWatchdog.Release();
        }
    }

    private void Watch()
    {
        ThreadPool.GetMinThreads(out var baseWorkers, out var baseIo);
        var interval = (int)CheckInterval.TotalMilliseconds;
        while (true)
        {
            Thread.Sleep(interval);
            var now = Stopwatch.GetTimestamp();
            var blocked = CountBlocked(now);

            // Once tools block, whatever waits for a thread (requests about to start tools, tools) may block too: make room
            // for all of it at once rather than a thread per check, so a flood of blocking tools gets its threads at once.
            var compensation = blocked == 0 ? 0 : (int)Math.Min(blocked + ThreadPool.PendingWorkItemCount, MaxCompensation);
            if (compensation != _compensation)
            {
                // Raised at once; lowered one step at a time, so a burst of slow tools does not make it swing.
                var target = compensation > _compensation ? compensation : Math.Max(compensation, _compensation - Math.Max(1, _compensation / 4));
                if (ThreadPool.SetMinThreads(baseWorkers + target, baseIo))
                {
                    Volatile.Write(ref _compensation, target);
                }
            }

            if (_compensation == 0 && blocked == 0 && now - Volatile.Read(ref _lastStarted) > _lingerTicks)
            {
                Interlocked.Exchange(ref _watchdogState, 2);

                // A tool that started just before the state changed found the watchdog watching: look once more.
                if (now - Volatile.Read(ref _lastStarted) <= _lingerTicks && Interlocked.CompareExchange(ref _watchdogState, 1, 2) == 2)
                {
                    continue;
                }

                _wakeWatchdog.Wait();
            }
        }
    }

    private int CountBlocked(long now)
    {
        var blocked = 0;
        lock (_threadsGate)
        {
            for (var i = _threads.Count - 1; i >= 0; i--)
            {
                var thread = _threads[i];
                var entered = Volatile.Read(ref thread.EnteredAt);
                if (entered != 0 && now - entered > _blockedAfterTicks)
                {
                    blocked++;
                }
                else if (entered == 0 && !thread.Thread.IsAlive)
                {
                    _threads.RemoveAt(i);
                }
            }
        }

        return blocked;
    }

    // A pool thread that has run tool code: whether it is inside tool code now, and since when.
    internal sealed class ToolThread(Thread thread)
    {
        public Thread Thread { get; } = thread;

        public int Depth { get; set; }

        // Stopwatch timestamp of entering tool code, 0 when outside it; written by its thread, read by the watchdog.
        public long EnteredAt;
    }
}
