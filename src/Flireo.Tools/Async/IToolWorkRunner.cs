namespace Flireo.Tools.Async;

/// <summary>Runs one attempt of an acknowledged async tool call; implemented by the core, used by every queue back-end.</summary>
internal interface IToolWorkRunner
{
    /// <summary>Runs the tool once, under the async time limit, and reports how it ended.</summary>
    /// <param name="item">The stored call.</param>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="cancellationToken">Cancelled on forced shutdown.</param>
    /// <returns>How the attempt ended.</returns>
    ValueTask<ToolRunOutcome> RunAsync(ToolWorkItem item, int attempt, CancellationToken cancellationToken);
}

/// <summary>Describes how one attempt of an async tool call ended.</summary>
/// <param name="Status">How the attempt ended.</param>
/// <param name="Error">The error message or exception text, when it failed.</param>
internal readonly record struct ToolRunOutcome(ToolRunStatus Status, string? Error = null)
{
    /// <summary>Gets a value indicating whether another attempt may succeed (exceptions and timeouts).</summary>
    public bool IsRetryable => Status is ToolRunStatus.Exception or ToolRunStatus.Timeout;
}

/// <summary>Specifies how one attempt of an async tool call ended.</summary>
internal enum ToolRunStatus
{
    /// <summary>The tool returned normally (a result, or a <see cref="ToolResult"/> that is not an error).</summary>
    Succeeded,

    /// <summary>The tool returned <see cref="ToolResult.Error"/> or threw <see cref="FlireoToolException"/>: a deliberate answer, not retried.</summary>
    ToolError,

    /// <summary>The arguments did not bind or validate: retrying cannot help.</summary>
    InvalidArguments,

    /// <summary>No tool of that name is registered (any more): retrying cannot help.</summary>
    UnknownTool,

    /// <summary>The tool threw an unexpected exception: retried.</summary>
    Exception,

    /// <summary>The attempt ran past its time limit: retried.</summary>
    Timeout,
}
