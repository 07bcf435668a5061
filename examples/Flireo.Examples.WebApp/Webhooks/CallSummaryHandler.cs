using Flireo.Examples.WebApp.Calls;
using Flireo.Tools.Webhooks;

namespace Flireo.Examples.WebApp.Webhooks;

/// <summary>Stores the summary, analysis and duration of every finished call, readable at <c>GET /calls/{callId}/summary</c>.</summary>
/// <param name="store">Where the summaries go.</param>
/// <param name="clock">The clock for the time of arrival.</param>
/// <param name="logger">The logger.</param>
internal sealed class CallSummaryHandler(ICallSummaryStore store, TimeProvider clock, ILogger<CallSummaryHandler> logger) : IEndOfCallReportHandler
{
    public async ValueTask HandleAsync(EndOfCallReport report, CancellationToken cancellationToken)
    {
        if (report.Call.Id is not { Length: > 0 } callId)
        {
            Log.SummaryWithoutCallId(logger);
            return;
        }

        var summary = new CallSummary(
            callId,
            report.Call.CustomerNumber,
            report.Summary,
            report.Analysis,
            report.DurationSeconds,
            report.EndReason,
            clock.GetUtcNow());
        await store.SaveAsync(summary, cancellationToken);
        Log.SummaryStored(logger, callId, report.DurationSeconds);
    }
}
