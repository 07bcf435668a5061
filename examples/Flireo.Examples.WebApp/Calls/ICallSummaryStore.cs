namespace Flireo.Examples.WebApp.Calls;

/// <summary>Keeps the summaries of finished calls; replace the in-memory default with your CRM or database.</summary>
internal interface ICallSummaryStore
{
    /// <summary>Saves the summary of a call, replacing an earlier one for the same call.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>A task that completes when the summary is saved.</returns>
    ValueTask SaveAsync(CallSummary summary, CancellationToken cancellationToken);

    /// <summary>Finds the summary of a call.</summary>
    /// <param name="callId">The Flireo call id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The summary, or <see langword="null"/> when none has arrived for the call.</returns>
    ValueTask<CallSummary?> FindAsync(string callId, CancellationToken cancellationToken);
}
