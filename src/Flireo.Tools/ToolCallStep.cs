namespace Flireo.Tools;

/// <summary>The rest of the tool-call pipeline after an <see cref="IToolCallFilter"/>.</summary>
/// <param name="context">The call; pass on the one the filter received.</param>
/// <returns>The outcome of the call.</returns>
public delegate ValueTask<ToolCallResult> ToolCallStep(ToolCallFilterContext context);
