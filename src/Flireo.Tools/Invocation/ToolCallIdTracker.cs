namespace Flireo.Tools.Invocation;

/// <summary>Remembers, for recent calls, which key each pair of call id and tool call id was last used with; bounded in size and time.</summary>
/// <remarks>
/// Only for the warning about a tool call id used again for another tool or other arguments: it decides nothing. Entries
/// are stored under the call's whole key, compared by its ids alone (<see cref="ToolCallKey.IdsLength"/>), so noting a
/// call builds no string of its own.
/// </remarks>
internal sealed class ToolCallIdTracker(TimeProvider time, int capacity, TimeSpan window)
{
    private readonly RecentEntries<Entry> _recent = new(time, capacity, window, IdsComparer.Instance);

    /// <summary>Records that a new call ran under <paramref name="key"/> (of <see cref="ToolCallKey"/>); returns <see langword="true"/> when its ids were used recently with another key.</summary>
    public bool Reused(string key)
    {
        if (!_recent.Enabled)
        {
            return false;
        }

        var now = _recent.Sweep();
        var entry = new Entry(key, _recent.ExpiryFrom(now));
        var entries = _recent.Entries;
        var reused = false;

        // AddOrUpdate without its delegates: a closure per call for a warning that almost never fires.
        while (true)
        {
            if (entries.TryGetValue(key, out var existing))
            {
                if (entries.TryUpdate(key, entry, existing))
                {
                    reused = existing.ExpiresAt > now && !string.Equals(existing.Key, key, StringComparison.Ordinal);
                    break;
                }
            }
            else if (entries.TryAdd(key, entry))
            {
                break;
            }
        }

        _recent.Track(entry);
        return reused;
    }

    private sealed class Entry(string key, DateTimeOffset expiresAt) : RecentEntry(key, expiresAt);

    // Keys compare by the part naming their call id and tool call id.
    private sealed class IdsComparer : IEqualityComparer<string>
    {
        public static IdsComparer Instance { get; } = new();

        public bool Equals(string? x, string? y) => x is null || y is null
            ? ReferenceEquals(x, y)
            : x.AsSpan(0, ToolCallKey.IdsLength(x)).SequenceEqual(y.AsSpan(0, ToolCallKey.IdsLength(y)));

        public int GetHashCode(string obj) => string.GetHashCode(obj.AsSpan(0, ToolCallKey.IdsLength(obj)));
    }
}
