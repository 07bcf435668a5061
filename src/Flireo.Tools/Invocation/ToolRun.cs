namespace Flireo.Tools.Invocation;

/// <summary>One bound tool invocation, as the tool scheduler starts it: the state of its work item, without a closure.</summary>
/// <param name="executor">The executor that invokes the tool.</param>
/// <param name="tool">The tool.</param>
/// <param name="values">The bound argument array.</param>
/// <param name="context">The call's context.</param>
/// <param name="cancellationToken">The token the tool gets.</param>
internal sealed class ToolRun(ToolExecutor executor, ToolDescriptor tool, object?[] values, ToolCallContext context, CancellationToken cancellationToken)
{
    /// <summary>Invokes the tool; never throws.</summary>
    /// <returns>How the invocation ended.</returns>
    public Task<ExecutionOutcome> InvokeAsync() => executor.InvokeAsync(tool, values, context, cancellationToken);
}
