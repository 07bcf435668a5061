namespace Flireo.Tools.Invocation;

/// <summary>A tool-call filter written as a function (<c>AddFilter(Func&lt;…&gt;)</c>).</summary>
internal sealed class DelegateToolCallFilter(Func<ToolCallFilterContext, ToolCallStep, ValueTask<ToolCallResult>> filter) : IToolCallFilter
{
    public ValueTask<ToolCallResult> InvokeAsync(ToolCallFilterContext context, ToolCallStep nextStep) => filter(context, nextStep);
}
