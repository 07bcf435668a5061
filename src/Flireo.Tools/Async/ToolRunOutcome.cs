namespace Flireo.Tools.Async;

/// <summary>Describes how one attempt of an async tool call ended.</summary>
/// <param name="Status">How the attempt ended.</param>
/// <param name="Error">The error message or exception text, when it failed.</param>
public readonly record struct ToolRunOutcome(ToolRunStatus Status, string? Error = null)
{
    /// <summary>Gets a value indicating whether another attempt may succeed (exceptions and timeouts).</summary>
    public bool IsRetryable => Status is ToolRunStatus.Exception or ToolRunStatus.Timeout;
}
