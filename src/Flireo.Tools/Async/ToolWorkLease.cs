namespace Flireo.Tools.Async;

/// <summary>Represents a call a <see cref="IToolWorkLeaseStore"/> handed to one processor for one attempt; derive to keep the store's own handle.</summary>
public class ToolWorkLease
{
    private int _settled;

    /// <summary>Initializes a new instance of the <see cref="ToolWorkLease"/> class.</summary>
    /// <param name="item">The stored call.</param>
    /// <param name="attempt">The 1-based number of the attempt this lease is for.</param>
    public ToolWorkLease(ToolWorkItem item, int attempt)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        Item = item;
        Attempt = attempt;
    }

    /// <summary>Gets the stored call.</summary>
    public ToolWorkItem Item { get; }

    /// <summary>Gets the 1-based number of the attempt this lease is for; attempts cut short by a crash count.</summary>
    public int Attempt { get; }

    /// <summary>Claims the right to report how the lease ended; only the first caller (its worker or the shutdown) gets it.</summary>
    /// <returns><see langword="true"/> for the first caller.</returns>
    internal bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;
}
