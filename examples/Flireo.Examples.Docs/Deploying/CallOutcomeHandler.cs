using Flireo.Tools.Webhooks;

namespace Flireo.Examples.Docs.Deploying;

#region deploying-analysis-handler
public sealed partial class CallOutcomeHandler(ILogger<CallOutcomeHandler> logger) : IEndOfCallReportHandler<CallOutcome>
{
    public ValueTask HandleAsync(EndOfCallReport report, CallOutcome? data, CancellationToken cancellationToken)
    {
        if (data is { Booked: true })
        {
            LogBooked(logger, report.Call.Id, data.Guests, data.Reason);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "Call {CallId} booked a table for {Guests}: {Reason}")]
    private static partial void LogBooked(ILogger logger, string? callId, int? guests, string reason);
}
#endregion
