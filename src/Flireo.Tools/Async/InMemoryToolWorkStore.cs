using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Async;

/// <summary>Keeps acknowledged async tool calls in this process's memory: the default store, run by the same <see cref="DurableToolWorkProcessor"/> as the durable ones.</summary>
/// <remarks>
/// <para>
/// Calls are lost if the process crashes. The store holds at most <see cref="AsyncToolOptions.QueueCapacity"/> unfinished
/// calls (waiting, running or waiting for a retry); a full store refuses the call, so the webhook answers with an error
/// instead of acknowledging work it cannot hold. A key (<see cref="ToolWorkItem.Key"/>) is a duplicate while its call is
/// unfinished and, after it finished, for <see cref="FlireoToolsOptions.IdempotencyWindow"/> (at most
/// <see cref="FlireoToolsOptions.IdempotencyCapacity"/> keys). It keeps no dead letters: a call that fails for good is
/// logged by the processor and only its key is remembered.
/// </para>
/// <para>
/// Because its calls die with the process, the processor treats it apart: from the stop on the store refuses new calls
/// (<see cref="StopAccepting"/>), the drain also waits for calls waiting for a retry, calls left at the end are logged at
/// Error as not completed, and the processor waits for the next retry (<see cref="NextDueIn"/>) instead of polling.
/// Leases do not expire: the process holding one is the only one (the lease duration exists for the store contract's checks).
/// </para>
/// <para>
/// Enqueueing takes only the intake lock for a few dictionary and list operations (the key's fingerprint is computed
/// before); claims, settles and retries take the work lock; a renewal takes no lock. No lock is held while work runs.
/// </para>
/// </remarks>
internal sealed class InMemoryToolWorkStore : IToolWorkLeaseStore
{
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;
    private readonly TimeSpan _rememberFor;
    private readonly int _rememberCapacity;
    private readonly TimeSpan _leaseDuration;

    // Intake, guarded by _intake: every known key, the unfinished calls in acceptance order, the finished keys remembered.
    private readonly Lock _intake = new();
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _unfinished = new();
    private readonly Queue<Entry> _finished = new();

    // New calls, oldest first: appended by the intake, taken by claims, without a shared lock.
    private readonly ConcurrentQueue<Entry> _new = new();

    // Work, guarded by _work: calls due later (released, waiting for a retry) by due time, and the calls running.
    private readonly Lock _work = new();
    private readonly PriorityQueue<Entry, (DateTimeOffset DueAt, long Order)> _later = new();
    private readonly HashSet<Entry> _running = [];
    private long _laterOrder;

    private volatile bool _accepting = true;

    /// <summary>Initializes a new instance of the <see cref="InMemoryToolWorkStore"/> class.</summary>
    /// <param name="options">The capacity and the de-duplication window.</param>
    /// <param name="timeProvider">The clock of retries, leases and the de-duplication window.</param>
    public InMemoryToolWorkStore(IOptions<FlireoToolsOptions> options, TimeProvider timeProvider)
        : this(options, timeProvider, Timeout.InfiniteTimeSpan)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InMemoryToolWorkStore"/> class whose leases expire.</summary>
    /// <param name="options">The capacity and the de-duplication window.</param>
    /// <param name="timeProvider">The clock of retries, leases and the de-duplication window.</param>
    /// <param name="leaseDuration">How long a lease holds without a renewal; <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    internal InMemoryToolWorkStore(IOptions<FlireoToolsOptions> options, TimeProvider timeProvider, TimeSpan leaseDuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var value = options.Value;
        _timeProvider = timeProvider;
        _capacity = Math.Max(1, value.AsyncTools.QueueCapacity);
        _rememberFor = value.IdempotencyWindow;
        _rememberCapacity = Math.Max(0, value.IdempotencyCapacity);
        _leaseDuration = leaseDuration;
    }

    /// <summary>Gets a value indicating whether new calls are accepted (false from the processor's stop on).</summary>
    internal bool IsAcceptingWork => _accepting;

    /// <summary>Refuses new calls from now on: the processor is stopping, and a call accepted now would be lost with the process.</summary>
    internal void StopAccepting()
    {
        lock (_intake)
        {
            _accepting = false;
        }
    }

    /// <summary>Returns how long until the next call waiting for a retry (or released) is due.</summary>
    /// <returns>The wait (zero when one is due now), or <see langword="null"/> when no call waits for later.</returns>
    internal TimeSpan? NextDueIn()
    {
        lock (_work)
        {
            if (!_later.TryPeek(out _, out var due))
            {
                return null;
            }

            var wait = due.DueAt - _timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
    }

    /// <inheritdoc />
    public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ToolWorkEnqueueResult>(cancellationToken);
        }

        // The key hashes the arguments: computed before the lock.
        var entry = new Entry(item, item.Key);
        var now = _timeProvider.GetUtcNow();
        lock (_intake)
        {
            ForgetExpired(now);
            if (_byKey.ContainsKey(entry.Key))
            {
                return ValueTask.FromResult(ToolWorkEnqueueResult.Duplicate);
            }

            if (!_accepting || _unfinished.Count >= _capacity)
            {
                return ValueTask.FromResult(ToolWorkEnqueueResult.Rejected);
            }

            _byKey.Add(entry.Key, entry);
            entry.Node = _unfinished.AddLast(entry);
        }

        _new.Enqueue(entry);
        return ValueTask.FromResult(ToolWorkEnqueueResult.Accepted);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ToolWorkLease>> ClaimAsync(int maxCount, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var claimed = new List<ToolWorkLease>(Math.Min(Math.Max(1, maxCount), 64));
        lock (_work)
        {
            if (_leaseDuration != Timeout.InfiniteTimeSpan)
            {
                // A lease not renewed in time: its call goes out again, and the attempt that never reported back counts.
                foreach (var expired in _running.Where(e => e.Lease!.ExpiresAt <= now.UtcTicks).Take(maxCount).ToList())
                {
                    claimed.Add(Lease(expired, now));
                }
            }

            while (claimed.Count < maxCount && _later.TryPeek(out var later, out var due) && due.DueAt <= now)
            {
                _later.Dequeue();
                claimed.Add(Lease(later, now));
            }

            while (claimed.Count < maxCount && _new.TryDequeue(out var fresh))
            {
                claimed.Add(Lease(fresh, now));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ToolWorkLease>>(claimed);
    }

    /// <inheritdoc />
    public ValueTask RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (_leaseDuration != Timeout.InfiniteTimeSpan)
        {
            // A stale lease renewed does no harm: expiry is read from the lease its call holds now.
            var expiresAt = ExpiryFrom(_timeProvider.GetUtcNow());
            foreach (var lease in leases)
            {
                if (lease is MemoryLease own)
                {
                    own.ExpiresAt = expiresAt;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken)
    {
        Finish(lease);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken)
    {
        DueLater(lease, delay, countAttempt: true);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>No dead letters are kept in memory: the call is finished, and its key stays known like a completed call's.</remarks>
    public ValueTask DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken)
    {
        Finish(lease);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken)
    {
        DueLater(lease, TimeSpan.Zero, countAttempt: false);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ToolWorkItem>> ListWaitingAsync(int maxCount, CancellationToken cancellationToken)
    {
        var waiting = new List<ToolWorkItem>();
        lock (_work)
        {
            foreach (var (entry, _) in _later.UnorderedItems)
            {
                if (waiting.Count == maxCount)
                {
                    break;
                }

                waiting.Add(entry.Item);
            }

            foreach (var entry in _new)
            {
                if (waiting.Count == maxCount)
                {
                    break;
                }

                waiting.Add(entry.Item);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ToolWorkItem>>(waiting);
    }

    /// <inheritdoc />
    public ValueTask MaintainAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_intake)
        {
            ForgetExpired(now);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ToolWorkStoreStatistics GetStatistics()
    {
        lock (_intake)
        {
            return new ToolWorkStoreStatistics(_unfinished.Count, _unfinished.First?.Value.Item.EnqueuedAt, 0);
        }
    }

    private static DateTimeOffset Add(DateTimeOffset time, TimeSpan span) =>
        span >= DateTimeOffset.MaxValue - time ? DateTimeOffset.MaxValue : time + span;

    // Hands a call out under a new lease; caller holds _work.
    private MemoryLease Lease(Entry entry, DateTimeOffset now)
    {
        entry.Attempts++;
        var lease = new MemoryLease(entry, entry.Attempts, ExpiryFrom(now));
        entry.Lease = lease;
        _running.Add(entry);
        return lease;
    }

    private long ExpiryFrom(DateTimeOffset now) =>
        _leaseDuration == Timeout.InfiniteTimeSpan ? long.MaxValue : Add(now, _leaseDuration).UtcTicks;

    // Takes the call out of the running ones when the lease is the one it holds now; caller holds _work.
    private Entry? Settle(ToolWorkLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (lease is not MemoryLease own || !ReferenceEquals(own.Entry.Lease, own))
        {
            return null;
        }

        own.Entry.Lease = null;
        _running.Remove(own.Entry);
        return own.Entry;
    }

    private void DueLater(ToolWorkLease lease, TimeSpan delay, bool countAttempt)
    {
        var dueAt = Add(_timeProvider.GetUtcNow(), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        lock (_work)
        {
            if (Settle(lease) is { } entry)
            {
                if (!countAttempt)
                {
                    entry.Attempts--;
                }

                _later.Enqueue(entry, (dueAt, _laterOrder++));
            }
        }
    }

    private void Finish(ToolWorkLease lease)
    {
        Entry? entry;
        lock (_work)
        {
            entry = Settle(lease);
        }

        if (entry is null)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        lock (_intake)
        {
            _unfinished.Remove(entry.Node!);
            entry.Node = null;
            ForgetExpired(now);
            if (_rememberCapacity == 0 || _rememberFor <= TimeSpan.Zero)
            {
                _byKey.Remove(entry.Key);
                return;
            }

            while (_finished.Count >= _rememberCapacity)
            {
                Forget(_finished.Dequeue());
            }

            entry.RememberedUntil = Add(now, _rememberFor);
            _finished.Enqueue(entry);
        }
    }

    // Caller holds _intake. Finished keys expire in the order they finished (the window is the same for all).
    private void ForgetExpired(DateTimeOffset now)
    {
        while (_finished.TryPeek(out var oldest) && oldest.RememberedUntil <= now)
        {
            Forget(_finished.Dequeue());
        }
    }

    private void Forget(Entry entry) => _byKey.Remove(entry.Key);

    /// <summary>A call the store knows: unfinished (waiting, running, due later) or finished and remembered.</summary>
    private sealed class Entry(ToolWorkItem item, string key)
    {
        public ToolWorkItem Item { get; } = item;

        public string Key { get; } = key;

        // Guarded by _intake.
        public LinkedListNode<Entry>? Node { get; set; }

        public DateTimeOffset RememberedUntil { get; set; }

        // Guarded by _work.
        public int Attempts { get; set; }

        public MemoryLease? Lease { get; set; }
    }

    /// <summary>A lease of this store: its call, and when it expires unless renewed.</summary>
    private sealed class MemoryLease(Entry entry, int attempt, long expiresAtTicks) : ToolWorkLease(entry.Item, attempt)
    {
        private long _expiresAtTicks = expiresAtTicks;

        public Entry Entry { get; } = entry;

        // UTC ticks; written by the renewal without the work lock.
        public long ExpiresAt
        {
            get => Volatile.Read(ref _expiresAtTicks);
            set => Volatile.Write(ref _expiresAtTicks, value);
        }
    }
}
