namespace Flireo.Tools.Invocation;

/// <summary>Remembers recent sync tool call outcomes so a retried webhook never runs a tool twice; bounded in size and time.</summary>
internal sealed class ToolCallOutcomeCache(TimeProvider time, int capacity, TimeSpan window)
{
    private readonly RecentEntries<Entry> _recent = new(time, capacity, window);

    public int Count => _recent.Count;

    public bool Enabled => _recent.Enabled;

    /// <summary>Claims a key: returns <see langword="null"/> and a new slot to complete, or the outcome of an earlier claim.</summary>
    public Task<ToolCallResult>? TryClaim(string key, out TaskCompletionSource<ToolCallResult>? slot)
    {
        var now = _recent.Sweep();
        var entry = new Entry(key, _recent.ExpiryFrom(now));
        var existing = _recent.Entries.GetOrAdd(key, entry);
        if (!ReferenceEquals(existing, entry))
        {
            if (existing.ExpiresAt > now)
            {
                slot = null;
                return existing.Outcome.Task;
            }

            // Expired but not yet swept: replace it.
            _recent.Entries.TryUpdate(key, entry, existing);
        }

        _recent.Track(entry);
        slot = entry.Outcome;
        return null;
    }

    private sealed class Entry(string key, DateTimeOffset expiresAt) : RecentEntry(key, expiresAt)
    {
        public TaskCompletionSource<ToolCallResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
