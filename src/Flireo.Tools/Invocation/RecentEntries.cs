using System.Collections.Concurrent;

namespace Flireo.Tools.Invocation;

/// <summary>An entry of <see cref="RecentEntries{TEntry}"/>: its key and when it stops counting.</summary>
/// <param name="key">The key the entry is stored under.</param>
/// <param name="expiresAt">When the entry expires.</param>
internal abstract class RecentEntry(string key, DateTimeOffset expiresAt)
{
    /// <summary>Gets the key the entry is stored under.</summary>
    public string Key { get; } = key;

    /// <summary>Gets when the entry expires.</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
}

/// <summary>Keyed entries of recent calls, bounded in number and in time: the oldest go first when either bound is passed.</summary>
/// <remarks>Shared by the sync outcome cache and the tool call id tracker. Lock-free; the count is kept by hand because
/// <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every bucket lock, which serialised concurrent tool calls.</remarks>
/// <typeparam name="TEntry">The entry type.</typeparam>
/// <param name="time">The clock.</param>
/// <param name="capacity">The most entries kept.</param>
/// <param name="window">How long an entry is kept.</param>
/// <param name="comparer">How keys compare; ordinal when <see langword="null"/>.</param>
internal sealed class RecentEntries<TEntry>(TimeProvider time, int capacity, TimeSpan window, IEqualityComparer<string>? comparer = null)
    where TEntry : RecentEntry
{
    private readonly ConcurrentQueue<TEntry> _order = new();
    private int _count;

    /// <summary>Gets the entries by key.</summary>
    public ConcurrentDictionary<string, TEntry> Entries { get; } = new(comparer ?? StringComparer.Ordinal);

    /// <summary>Gets how many entries are tracked, replaced ones not yet swept included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Gets a value indicating whether anything is kept (a capacity and a window above zero).</summary>
    public bool Enabled => capacity > 0 && window > TimeSpan.Zero;

    /// <summary>Removes expired entries and those past the capacity, and returns the current time.</summary>
    /// <returns>The time to judge and stamp new entries with.</returns>
    public DateTimeOffset Sweep()
    {
        var now = time.GetUtcNow();
        while (_order.TryPeek(out var head) && (head.ExpiresAt <= now || Volatile.Read(ref _count) > capacity))
        {
            if (_order.TryDequeue(out head))
            {
                Interlocked.Decrement(ref _count);
                Entries.TryRemove(new KeyValuePair<string, TEntry>(head.Key, head));
            }
        }

        return now;
    }

    /// <summary>Gets when an entry made at <paramref name="now"/> expires.</summary>
    /// <param name="now">The time the entry is made.</param>
    /// <returns>Its expiry.</returns>
    public DateTimeOffset ExpiryFrom(DateTimeOffset now) => now + window;

    /// <summary>Puts a stored (or replacing) entry in line for expiry.</summary>
    /// <param name="entry">The entry just stored in <see cref="Entries"/>.</param>
    public void Track(TEntry entry)
    {
        Interlocked.Increment(ref _count);
        _order.Enqueue(entry);
    }
}
