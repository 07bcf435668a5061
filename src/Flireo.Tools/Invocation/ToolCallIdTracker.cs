namespace Flireo.Tools.Invocation;

/// <summary>Remembers, for recent calls, which key each pair of call id and tool call id was last used with; bounded in size and time.</summary>
/// <remarks>Only for the warning about a tool call id used again for another tool or other arguments: it decides nothing.</remarks>
internal sealed class ToolCallIdTracker(TimeProvider time, int capacity, TimeSpan window)
{
    private readonly RecentEntries<Entry> _recent = new(time, capacity, window);

    /// <summary>Records that a new call ran under <paramref name="key"/>; returns <see langword="true"/> when its ids were used recently with another key.</summary>
    public bool Reused(string ids, string key)
    {
        if (!_recent.Enabled)
        {
            return false;
        }

        var now = _recent.Sweep();
        var entry = new Entry(ids, key, _recent.ExpiryFrom(now));
        var entries = _recent.Entries;
        var reused = false;

        // AddOrUpdate without its delegates: a closure per call for a warning that almost never fires.
        while (true)
        {
            if (entries.TryGetValue(ids, out var existing))
            {
                if (entries.TryUpdate(ids, entry, existing))
                {
                    reused = existing.ExpiresAt > now && !string.Equals(existing.CallKey, key, StringComparison.Ordinal);
                    break;
                }
            }
            else if (entries.TryAdd(ids, entry))
            {
                break;
            }
        }

        _recent.Track(entry);
        return reused;
    }

    private sealed class Entry(string ids, string callKey, DateTimeOffset expiresAt) : RecentEntry(ids, expiresAt)
    {
        public string CallKey { get; } = callKey;
    }
}
