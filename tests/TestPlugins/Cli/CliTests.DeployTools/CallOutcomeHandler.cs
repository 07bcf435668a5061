using Flireo.Tools.Webhooks;

namespace CliTests.DeployTools;

/// <summary>Receives each call's outcome; its type is what push writes as the analysis schema.</summary>
public sealed class CallOutcomeHandler : IEndOfCallReportHandler<CallOutcome>
{
    public ValueTask HandleAsync(EndOfCallReport report, CallOutcome? data, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
