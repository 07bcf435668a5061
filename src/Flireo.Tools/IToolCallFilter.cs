namespace Flireo.Tools;

/// <summary>A step around every tool call the router answers, over the webhook and over MCP: for checks, redaction, caching or auditing.</summary>
/// <remarks>
/// <para>
/// Register filters with <c>AddFilter&lt;TFilter&gt;()</c> on the builder <c>AddFlireoTools</c> returns. They run in
/// registration order, the first registered outermost, around the router's own handling of one call: the tool lookup,
/// binding, the deadline, and for an async tool its acknowledgement (not the background run). A filter calls
/// <c>nextStep(context)</c> to go on, or returns a result of its own without calling it (a refusal, a cached answer);
/// it may also change the result <c>nextStep</c> returns.
/// </para>
/// <para>
/// Filters are singletons and run on the per-call path inside the webhook's deadline: keep them fast. An exception
/// from a filter becomes an error result for that call alone ("The tool '…' failed"), logged with the exception; the
/// webhook is still answered.
/// </para>
/// </remarks>
public interface IToolCallFilter
{
    /// <summary>Handles one tool call, calling <paramref name="nextStep"/> to let the rest of the pipeline run it.</summary>
    /// <param name="context">The call, its message and tool, and the call's cancellation token.</param>
    /// <param name="nextStep">The next filter, or the router's own handling after the last one.</param>
    /// <returns>The outcome the caller receives for this call.</returns>
    ValueTask<ToolCallResult> InvokeAsync(ToolCallFilterContext context, ToolCallStep nextStep);
}
