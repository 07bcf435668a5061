using System.Collections.Concurrent;

namespace Flireo.Tools.Invocation;

/// <summary>Remembers recent sync tool call outcomes so a retried webhook never runs a tool twice; bounded in size and time.</summary>
internal sealed class ToolCallOutcomeCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Entry> _order = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly TimeSpan _window;

    // Kept by hand: ConcurrentDictionary.Count takes every bucket lock, which serialised all concurrent tool calls.
    private int _count;

    public ToolCallOutcomeCache(TimeProvider time, int capacity, TimeSpan window)
    {
        _time = time;
        _capacity = capacity;
        _window = window;
    }

    public int Count => Volatile.Read(ref _count);

    public bool Enabled => _capacity > 0 && _window > TimeSpan.Zero;

    /// <summary>Claims a key: returns <see langword="null"/> and a new slot to complete, or the outcome of an earlier claim.</summary>
    public Task<ToolCallResult>? TryClaim(string key, out TaskCompletionSource<ToolCallResult>? slot)
    {
        var now = _time.GetUtcNow();
        Sweep(now);
        var entry = new Entry(key, now + _window);
        var existing = _entries.GetOrAdd(key, entry);
        if (ReferenceEquals(existing, entry))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            if (existing.ExpiresAt > now)
            {
                slot = null;
                return existing.Outcome.Task;
            }

            // Expired but not yet swept: replace it.
            _entries.TryUpdate(key, entry, existing);
        }

        _order.Enqueue(entry);
        slot = entry.Outcome;
        return null;
    }

    private void Sweep(DateTimeOffset now)
    {
        while (_order.TryPeek(out var head) && (head.ExpiresAt <= now || Volatile.Read(ref _count) > _capacity))
        {
            if (_order.TryDequeue(out head) && _entries.TryRemove(new KeyValuePair<string, Entry>(head.Key, head)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    private sealed class Entry(string key, DateTimeOffset expiresAt)
    {
        public string Key { get; } = key;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public TaskCompletionSource<ToolCallResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
