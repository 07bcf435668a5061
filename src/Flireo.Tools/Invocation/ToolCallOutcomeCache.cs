namespace Flireo.Tools.Invocation;

/// <summary>Remembers recent sync tool call outcomes so a retried webhook never runs a tool twice; bounded in size and time.</summary>
internal sealed class ToolCallOutcomeCache(TimeProvider time, int capacity, TimeSpan window)
{
    private readonly RecentEntries<Slot> _recent = new(time, capacity, window);

    public int Count => _recent.Count;

    public bool Enabled => _recent.Enabled;

    /// <summary>Claims a key: returns <see langword="null"/> and a new slot to complete, or the outcome of an earlier claim.</summary>
    public Task<ToolCallResult>? TryClaim(string key, out Slot? slot)
    {
        var now = _recent.Sweep();
        var entry = new Slot(key, _recent.ExpiryFrom(now));
        var existing = _recent.Entries.GetOrAdd(key, entry);
        if (!ReferenceEquals(existing, entry))
        {
            if (existing.ExpiresAt > now)
            {
                slot = null;
                return existing.Outcome();
            }

            // Expired but not yet swept: replace it.
            _recent.Entries.TryUpdate(key, entry, existing);
        }

        _recent.Track(entry);
        slot = entry;
        return null;
    }

    /// <summary>The entry of one claimed call: completed once with its outcome, which retries of the call get.</summary>
    /// <remarks>
    /// Most calls are never retried, so the task a retry waits on is made only when a retry comes before the outcome; a
    /// retry after it gets a completed task.
    /// </remarks>
    /// <param name="key">The call's key.</param>
    /// <param name="expiresAt">When the entry expires.</param>
    internal sealed class Slot(string key, DateTimeOffset expiresAt) : RecentEntry(key, expiresAt)
    {
        private ToolCallResult? _result;
        private TaskCompletionSource<ToolCallResult>? _waiting;

        /// <summary>Stores the call's outcome and hands it to the retries waiting for it; the first outcome counts.</summary>
        /// <param name="result">The outcome.</param>
        public void Complete(ToolCallResult result)
        {
            // Full fences on both sides (here and in Outcome): a retry either sees the result or its task is seen here.
            if (Interlocked.CompareExchange(ref _result, result, null) is null)
            {
                Volatile.Read(ref _waiting)?.TrySetResult(result);
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
