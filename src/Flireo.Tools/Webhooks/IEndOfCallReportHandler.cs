namespace Flireo.Tools.Webhooks;

/// <summary>Reacts to <c>end-of-call-report</c> webhooks; register any number with <c>AddEndOfCallReportHandler</c>.</summary>
/// <remarks>
/// Flireo is answered at once; each handler then runs in the background in its own dependency-injection scope under
/// <see cref="FlireoToolsOptions.EventHandlerTimeout"/>. Failures are logged and not retried.
/// </remarks>
public interface IEndOfCallReportHandler
{
    /// <summary>Handles an <c>end-of-call-report</c> webhook.</summary>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancelled when the time limit is reached or the host shuts down.</param>
    /// <returns>A task that completes when the report has been handled.</returns>
    ValueTask HandleAsync(EndOfCallReport report, CancellationToken cancellationToken);
}
