namespace Flireo.Tools.Webhooks;

/// <summary>Reacts to <c>end-of-call-report</c> webhooks whose structured analysis has the shape of <typeparamref name="TData"/>.</summary>
/// <typeparam name="TData">The record the analysis plan extracts, for example <c>CallOutcome(bool Booked, string? Reason)</c>.</typeparam>
/// <remarks>
/// <para>
/// Register it like any end-of-call handler, with <c>AddEndOfCallReportHandler</c>. The report's analysis
/// (<c>analysis.structured_data</c>, or <c>analysis</c> itself when it has no such member) is bound to
/// <typeparamref name="TData"/> with <see cref="FlireoToolsOptions.SerializerOptions"/>; the data is
/// <see langword="default"/> when the report carries no analysis (no plan, or too short a call). Analysis that does not
/// match the type is logged as a failure of the handler with the call id, and the handler is not called.
/// </para>
/// <para>
/// <c>flireo-tools push</c> finds the handler in the tool assembly and writes <typeparamref name="TData"/>'s JSON schema,
/// made by the generator that makes tool parameters, as the assistant's <c>analysis_plan.structured_data_plan.schema</c>
/// with <c>enabled: true</c>, so the platform extracts exactly what the handler reads.
/// </para>
/// </remarks>
public interface IEndOfCallReportHandler<TData> : IEndOfCallReportHandler
{
    /// <summary>Handles an <c>end-of-call-report</c> webhook with its analysis bound to <typeparamref name="TData"/>.</summary>
    /// <param name="report">The report; <see cref="EndOfCallReport.Analysis"/> still holds the raw analysis.</param>
    /// <param name="data">The bound analysis, or <see langword="default"/> when the report has none.</param>
    /// <param name="cancellationToken">Cancelled when the time limit is reached or the host shuts down.</param>
    /// <returns>A task that completes when the report has been handled.</returns>
    ValueTask HandleAsync(EndOfCallReport report, TData? data, CancellationToken cancellationToken);

    /// <inheritdoc />
    ValueTask IEndOfCallReportHandler.HandleAsync(EndOfCallReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return HandleAsync(report, EndOfCallAnalysis.Bind<TData>(report), cancellationToken);
    }
}
