namespace Flireo.Tools.Invocation;

/// <summary>Remembers recent tool calls, bounded in number and in time: the outcomes of sync calls, so a retried webhook never runs a tool twice, and for every call its key, to warn when a tool call id is used again for another call.</summary>
/// <remarks>
/// <para>
/// One ring of entries in the order the calls came (the oldest go first when either bound is passed), with two indexes of
/// chains, newest first: by the hash of the key (<see cref="RecentCallKey.KeyHash"/>), where a retry finds the entry of
/// its key, and by the hash of the call's ids (<see cref="RecentCallKey.IdsHash"/>), where a new call finds the newest
/// entry of its ids, a reuse when its key is another. Neither walk grows with calls sharing ids or keys. A call costs one
/// lock, one clock read and no allocation of the cache's own besides its key (<see cref="RecentCallKey"/>, a byte per
/// character) and, while a sync call runs, its <see cref="Slot"/>.
/// </para>
/// <para>
/// A remembered call keeps no object of its own alive: its key's bytes and its result's JSON (all the answer needs) are
/// copied into one byte buffer, used as a ring in the order they are stored, and the ring entry (56 bytes) says where.
/// So the garbage collector has nothing to promote and trace per call. Only an error text, or a result the router did not
/// serialise itself, is kept as the object it is.
/// </para>
/// <para>
/// Keys are compared exactly (all their bytes) wherever their hashes match, so calls whose hashes collide never share an outcome.
/// </para>
/// </remarks>
/// <param name="time">The clock.</param>
/// <param name="capacity">The most calls remembered.</param>
/// <param name="window">How long a call is remembered.</param>
internal sealed class ToolCallOutcomeCache(TimeProvider time, int capacity, TimeSpan window)
{
    private const int FirstLength = 16;

    private readonly Lock _lock = new();
    private readonly long _window = Stamps(time, window);

    // The ring holds the entries of sequence numbers _head (oldest) to _tail - 1 at index sequence % length.
    private Entry[] _ring = [];
    private long _head;
    private long _tail;

    // Per bucket (hash & mask), by ids and by key: 1 + the ring index of its newest entry, or 0; entries chain on through
    // Entry.NextOfIds and Entry.NextOfKey.
    private int[] _byIds = [];
    private int[] _byKey = [];

    // The bytes of the remembered keys and results from position _start to _end, a position's byte at position % length;
    // one that would wrap round the end is stored from the start. Stored in the order of the entries (a result after its
    // key), so the oldest entry's key is the first byte in use.
    private byte[] _bytes = [];
    private long _start;
    private long _end;

    /// <summary>Gets how many calls are remembered.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return (int)(_tail - _head);
            }
        }
    }

    /// <summary>Gets a value indicating whether anything is kept (a capacity and a window above zero).</summary>
    public bool Enabled => capacity > 0 && window > TimeSpan.Zero;

    /// <summary>Claims a sync call's key: returns <see langword="null"/> and a new slot to complete, or the outcome of an earlier claim of the same key.</summary>
    /// <param name="key">The call's key (<see cref="RecentCallKey.ForRetry"/>).</param>
    /// <param name="toolCallId">The call's tool call id, which an outcome given to a retry answers.</param>
    /// <param name="slot">The slot to complete with the outcome, when the call is new.</param>
    /// <param name="reused">Whether the call is new and its ids were used recently under another key.</param>
    /// <returns>The outcome of the earlier claim, completed or to come; or <see langword="null"/> for a new call.</returns>
    public Task<ToolCallResult>? TryClaim(in RecentCallKey key, string toolCallId, out Slot? slot, out bool reused)
    {
        if (!Enabled)
        {
            slot = null;
            reused = false;
            return null;
        }

        object? earlier;
        lock (_lock)
        {
            var now = Sweep();
            earlier = Find(key, sync: true, out reused);
            if (earlier is null)
            {
                slot = new Slot(this, toolCallId, _tail);
                Add(key, now, slot);
                return null;
            }
        }

        slot = null;
        reused = false;
        return earlier switch
        {
            Slot running => running.Outcome(),
            byte[] json => Task.FromResult(ToolCallResult.SuccessJson(toolCallId, json)),
            string error => Task.FromResult(ToolCallResult.Failure(toolCallId, error)),
            _ => Task.FromResult((ToolCallResult)earlier),
        };
    }

    /// <summary>Records that a new call ran under <paramref name="key"/> (of <see cref="ToolCallKey"/>); returns <see langword="true"/> when its ids were used recently under another key.</summary>
    /// <param name="key">The call's key.</param>
    /// <returns>Whether the call's ids were used recently under another key.</returns>
    public bool Reused(string key) => Enabled && Reused(RecentCallKey.From(key));

    /// <summary>Records that a new call ran under <paramref name="key"/>; returns <see langword="true"/> when its ids were used recently under another key.</summary>
    /// <param name="key">The call's key.</param>
    /// <returns>Whether the call's ids were used recently under another key.</returns>
    public bool Reused(in RecentCallKey key)
    {
        if (!Enabled)
        {
            return false;
        }

        lock (_lock)
        {
            var now = Sweep();
            _ = Find(key, sync: false, out var reused);
            Add(key, now, outcome: null);
            return reused;
        }
    }

    // Stores a completed outcome in place of the slot that ran it, if the slot's entry is still there: the result's JSON
    // in the buffer, an error text or any other result as it is.
    private void Store(Slot slot, ToolCallResult result)
    {
        var sameId = string.Equals(result.ToolCallId, slot.ToolCallId, StringComparison.Ordinal);
        var json = sameId && !result.IsError ? result.Json : null;
        lock (_lock)
        {
            if (slot.Sequence < _head || slot.Sequence >= _tail || !ReferenceEquals(_ring[(int)(slot.Sequence % _ring.Length)].Outcome, slot))
            {
                return;
            }

            // Appending may make room by forgetting the oldest calls, this one among them.
            if (json is not null && TryAppend(json, out var at))
            {
                if (slot.Sequence >= _head)
                {
                    ref var entry = ref _ring[(int)(slot.Sequence % _ring.Length)];
                    entry.Outcome = null;
                    entry.JsonAt = at;
                    entry.JsonLength = json.Length;
                }
            }
            else if (slot.Sequence >= _head)
            {
                _ring[(int)(slot.Sequence % _ring.Length)].Outcome = sameId && result.Error is { } error ? error : result;
            }
        }
    }

    // The outcome (or running slot) of the entry under `key` when `sync`, else null; `reused` when the newest entry of
    // the same ids has another key. Entries of async calls (no outcome) are never a sync call's retry.
    private object? Find(in RecentCallKey key, bool sync, out bool reused)
    {
        reused = false;
        if (_ring.Length == 0)
        {
            return null;
        }

        var mask = _byKey.Length - 1;
        if (sync)
        {
            for (var at = _byKey[key.KeyHash & mask]; at != 0; at = _ring[at - 1].NextOfKey)
            {
                ref var entry = ref _ring[at - 1];
                if (entry.KeyHash == key.KeyHash && KeyOf(entry).SequenceEqual(key.Bytes) && (entry.Outcome ?? JsonOf(entry)) is { } outcome)
                {
                    return outcome;
                }
            }
        }

        for (var at = _byIds[key.IdsHash & mask]; at != 0; at = _ring[at - 1].NextOfIds)
        {
            ref var entry = ref _ring[at - 1];
            if (entry.IdsHash == key.IdsHash && KeyOf(entry).StartsWith(key.Ids))
            {
                reused = !KeyOf(entry).SequenceEqual(key.Bytes);
                break;
            }
        }

        return null;
    }

    // Forgets expired entries and returns the current time; the capacity is kept by Add.
    private long Sweep()
    {
        var now = time.GetTimestamp();
        while (_head < _tail && _ring[(int)(_head % _ring.Length)].ExpiresAt <= now)
        {
            RemoveOldest();
        }

        return now;
    }

    private void Add(in RecentCallKey key, long now, object? outcome)
    {
        while (_tail - _head >= capacity)
        {
            RemoveOldest();
        }

        if (_tail - _head == _ring.Length)
        {
            Grow();
        }

        if (!TryAppend(key.Bytes, out var keyAt))
        {
            // A key longer than any buffer: the call is not remembered.
            return;
        }

        if (_head == _tail)
        {
            _start = keyAt;
        }

        var index = (int)(_tail % _ring.Length);
        _ring[index] = new Entry
        {
            KeyAt = keyAt,
            KeyLength = key.Bytes.Length,
            JsonLength = -1,
            Outcome = outcome,
            IdsHash = key.IdsHash,
            KeyHash = key.KeyHash,
            ExpiresAt = now + _window,
        };
        Link(_ring, _byIds, _byKey, index);
        _tail++;
    }

    private ReadOnlySpan<byte> KeyOf(in Entry entry) => _bytes.AsSpan((int)(entry.KeyAt % _bytes.Length), entry.KeyLength);

    // A copy of the entry's result JSON, or null when it has none.
    private byte[]? JsonOf(in Entry entry) =>
        entry.JsonLength < 0 ? null : _bytes.AsSpan((int)(entry.JsonAt % _bytes.Length), entry.JsonLength).ToArray();

    // Copies `data` into the buffer, grown when it has no room (past the largest array, the oldest calls are forgotten to
    // make room), and gives its position; false when it does not fit even alone.
    private bool TryAppend(ReadOnlySpan<byte> data, out long at)
    {
        if (!TryPlace(data.Length, out at))
        {
            Regrow(data.Length);
            while (!TryPlace(data.Length, out at))
            {
                if (_head == _tail)
                {
                    return false;
                }

                RemoveOldest();
            }
        }

        data.CopyTo(_bytes.AsSpan((int)(at % _bytes.Length)));
        _end = at + data.Length;
        return true;
    }

    // Where `length` bytes go: at the end, or from the array's start when they would wrap; false when there is no room.
    private bool TryPlace(int length, out long at)
    {
        at = _end;
        if (_bytes.Length == 0)
        {
            return false;
        }

        var offset = (int)(at % _bytes.Length);
        if (offset + length > _bytes.Length)
        {
            at += _bytes.Length - offset;
        }

        return at + length - _start <= _bytes.Length;
    }

    // Copies the bytes in use, entry by entry, into a buffer at least twice as long as they and `length` need, from its start.
    private void Regrow(int length)
    {
        var used = 0L;
        for (var sequence = _head; sequence < _tail; sequence++)
        {
            ref var entry = ref _ring[(int)(sequence % _ring.Length)];
            used += entry.KeyLength + Math.Max(entry.JsonLength, 0);
        }

        var bytes = new byte[Math.Max(Math.Max(1024, _bytes.Length), (int)Math.Min(Array.MaxLength, 2 * (used + length)))];
        var end = 0;
        for (var sequence = _head; sequence < _tail; sequence++)
        {
            ref var entry = ref _ring[(int)(sequence % _ring.Length)];
            entry.KeyAt = Move(entry.KeyAt, entry.KeyLength);
            if (entry.JsonLength >= 0)
            {
                entry.JsonAt = Move(entry.JsonAt, entry.JsonLength);
            }
        }

        _bytes = bytes;
        _start = 0;
        _end = end;

        long Move(long at, int count)
        {
            _bytes.AsSpan((int)(at % _bytes.Length), count).CopyTo(bytes.AsSpan(end));
            var moved = end;
            end += count;
            return moved;
        }
    }

    private void RemoveOldest()
    {
        var index = (int)(_head % _ring.Length);
        var mask = _byIds.Length - 1;

        // The oldest entry is the last of its chains (entries are chained newest first): unlink it there.
        ref var at = ref _byIds[_ring[index].IdsHash & mask];
        while (at != index + 1)
        {
            at = ref _ring[at - 1].NextOfIds;
        }

        at = _ring[index].NextOfIds;
        at = ref _byKey[_ring[index].KeyHash & mask];
        while (at != index + 1)
        {
            at = ref _ring[at - 1].NextOfKey;
        }

        at = _ring[index].NextOfKey;
        _ring[index] = default;
        _head++;
        _start = _head < _tail ? _ring[(int)(_head % _ring.Length)].KeyAt : _end;
    }

    // Doubles the ring (up to the capacity) and rebuilds the chains, oldest first so each chain stays newest first.
    private void Grow()
    {
        var length = (int)Math.Min(Math.Max(FirstLength, _ring.Length * 2L), capacity);
        var ring = new Entry[length];
        var buckets = (int)Math.Min(1L << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length));
        var byIds = new int[buckets];
        var byKey = new int[buckets];
        for (var sequence = _head; sequence < _tail; sequence++)
        {
            var index = (int)(sequence % length);
            ring[index] = _ring[(int)(sequence % _ring.Length)];
            Link(ring, byIds, byKey, index);
        }

        _ring = ring;
        _byIds = byIds;
        _byKey = byKey;
    }

    // Puts the entry at `index` first in its chains.
    private static void Link(Entry[] ring, int[] byIds, int[] byKey, int index)
    {
        ref var entry = ref ring[index];
        ref var ids = ref byIds[entry.IdsHash & (byIds.Length - 1)];
        entry.NextOfIds = ids;
        ids = index + 1;
        ref var key = ref byKey[entry.KeyHash & (byKey.Length - 1)];
        entry.NextOfKey = key;
        key = index + 1;
    }

    // The window in timestamp units, short of overflowing when added to a timestamp.
    private static long Stamps(TimeProvider time, TimeSpan window)
    {
        var stamps = window.TotalSeconds * time.TimestampFrequency;
        return stamps >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)stamps;
    }

    private struct Entry
    {
        // Where the key's bytes (RecentCallKey.Bytes) and the result's JSON are in the buffer.
        public long KeyAt;
        public long JsonAt;

        // A running sync call's Slot; once completed, the error text or a result not kept as JSON. Null for a completed
        // result kept as JSON (JsonLength at least 0), and for an async call, only remembered for the reuse warning.
        public object? Outcome;
        public long ExpiresAt;
        public int KeyLength;
        public int JsonLength;
        public int IdsHash;
        public int KeyHash;

        // 1 + the ring index of the next (older) entry in each chain, or 0.
        public int NextOfIds;
        public int NextOfKey;
    }

    /// <summary>A claimed sync call while it runs: completed once with its outcome, which retries of the call get.</summary>
    /// <remarks>
    /// Most calls are never retried, so the task a retry waits on is made only when a retry comes before the outcome; a
    /// retry after it gets a completed task. Once completed, the cache keeps only the outcome and lets the slot go.
    /// </remarks>
    internal sealed class Slot
    {
        private readonly ToolCallOutcomeCache _cache;
        private ToolCallResult? _result;
        private TaskCompletionSource<ToolCallResult>? _waiting;

        internal Slot(ToolCallOutcomeCache cache, string toolCallId, long sequence)
        {
            _cache = cache;
            ToolCallId = toolCallId;
            Sequence = sequence;
        }

        /// <summary>Gets the tool call id of the claim.</summary>
        internal string ToolCallId { get; }

        /// <summary>Gets the sequence number of the slot's entry in the ring.</summary>
        internal long Sequence { get; }

        /// <summary>Stores the call's outcome and hands it to the retries waiting for it; the first outcome counts.</summary>
        /// <param name="result">The outcome.</param>
        public void Complete(ToolCallResult result)
        {
            // Full fences on both sides (here and in Outcome): a retry either sees the result or its task is seen here.
            if (Interlocked.CompareExchange(ref _result, result, null) is null)
            {
                Volatile.Read(ref _waiting)?.TrySetResult(result);
                _cache.Store(this, result);
            }
        }

        /// <summary>Gets the call's outcome, completed or to come.</summary>
        /// <returns>A task of the outcome.</returns>
        public Task<ToolCallResult> Outcome()
        {
            if (Volatile.Read(ref _result) is { } done)
            {
                return Task.FromResult(done);
            }

            var waiting = Volatile.Read(ref _waiting);
            if (waiting is null)
            {
                var created = new TaskCompletionSource<ToolCallResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting = Interlocked.CompareExchange(ref _waiting, created, null) ?? created;
            }

            if (Volatile.Read(ref _result) is { } now)
            {
                waiting.TrySetResult(now);
            }

            return waiting.Task;
        }
    }
}
