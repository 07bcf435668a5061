using Flireo.Tools.Webhooks;

namespace MyToolsApp;

/// <summary>Runs after every call, when Flireo sends the end-of-call report; store or forward the summary here.</summary>
public sealed partial class CallEndedHandler(ILogger<CallEndedHandler> logger) : IEndOfCallReportHandler
{
    /// <inheritdoc />
    public ValueTask HandleAsync(EndOfCallReport report, CancellationToken cancellationToken)
    {
        LogCallEnded(report.Call.Id, report.EndReason, report.DurationSeconds, report.Summary);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ended ({EndReason}, {DurationSeconds} s): {Summary}")]
    private partial void LogCallEnded(string? callId, string? endReason, double? durationSeconds, string? summary);
}
