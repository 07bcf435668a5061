using System.Collections.Concurrent;

namespace Flireo.Tools.Invocation;

/// <summary>Remembers, for recent calls, which key each pair of call id and tool call id was last used with; bounded in size and time.</summary>
/// <remarks>Only for the warning about a tool call id used again for another tool or other arguments: it decides nothing.</remarks>
internal sealed class ToolCallIdTracker
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Entry> _order = new();
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly TimeSpan _window;
    private int _count;

    public ToolCallIdTracker(TimeProvider time, int capacity, TimeSpan window)
    {
        _time = time;
        _capacity = capacity;
        _window = window;
    }

    private bool Enabled => _capacity > 0 && _window > TimeSpan.Zero;

    /// <summary>Records that a new call ran under <paramref name="key"/>; returns <see langword="true"/> when its ids were used recently with another key.</summary>
    public bool Reused(string ids, string key)
    {
        if (!Enabled)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        Sweep(now);
        var entry = new Entry(ids, key, now + _window);
        var reused = false;
        _entries.AddOrUpdate(
            ids,
            static (_, added) => added,
            (_, existing, added) =>
            {
                reused = existing.ExpiresAt > now && !string.Equals(existing.Key, added.Key, StringComparison.Ordinal);
                return added;
            },
            entry);
        Interlocked.Increment(ref _count);
        _order.Enqueue(entry);
        return reused;
    }

    private void Sweep(DateTimeOffset now)
    {
        while (_order.TryPeek(out var head) && (head.ExpiresAt <= now || Volatile.Read(ref _count) > _capacity))
        {
            if (_order.TryDequeue(out head))
            {
                Interlocked.Decrement(ref _count);
                _entries.TryRemove(new KeyValuePair<string, Entry>(head.Ids, head));
            }
        }
    }

    private sealed class Entry(string ids, string key, DateTimeOffset expiresAt)
    {
        public string Ids { get; } = ids;

        public string Key { get; } = key;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;
    }
}
