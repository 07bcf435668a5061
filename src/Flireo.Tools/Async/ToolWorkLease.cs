namespace Flireo.Tools.Async;

/// <summary>Represents a call a durable store handed to one processor for one attempt; back-ends derive to keep their own handle.</summary>
/// <param name="item">The stored call.</param>
/// <param name="attempt">The 1-based number of the attempt this lease is for.</param>
internal class ToolWorkLease(ToolWorkItem item, int attempt)
{
    private int _settled;

    /// <summary>Gets the stored call.</summary>
    public ToolWorkItem Item { get; } = item;

    /// <summary>Gets the 1-based number of the attempt this lease is for; attempts cut short by a crash count.</summary>
    public int Attempt { get; } = attempt;

    /// <summary>Claims the right to report how the lease ended; only the first caller (its worker or the shutdown) gets it.</summary>
    /// <returns><see langword="true"/> for the first caller.</returns>
    internal bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;
}
