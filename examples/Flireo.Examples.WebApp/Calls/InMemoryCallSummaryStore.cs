namespace Flireo.Examples.WebApp.Calls;

/// <summary>Keeps the summaries of the most recent calls in memory; the oldest is forgotten once the store is full.</summary>
/// <remarks>Data is lost on restart: fine for a demo, not for production.</remarks>
internal sealed class InMemoryCallSummaryStore : ICallSummaryStore
{
    /// <summary>The number of calls remembered.</summary>
    public const int Capacity = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, CallSummary> _summaries = new(StringComparer.Ordinal);
    private readonly Queue<string> _arrivalOrder = new();

    public ValueTask SaveAsync(CallSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        lock (_gate)
        {
            if (_summaries.TryAdd(summary.CallId, summary))
            {
                _arrivalOrder.Enqueue(summary.CallId);
                if (_arrivalOrder.Count > Capacity)
                {
                    _summaries.Remove(_arrivalOrder.Dequeue());
                }
            }
            else
            {
                _summaries[summary.CallId] = summary;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<CallSummary?> FindAsync(string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callId);
        lock (_gate)
        {
            return ValueTask.FromResult(_summaries.GetValueOrDefault(callId));
        }
    }
}
