namespace Flireo.Tools.Async;

/// <summary>Specifies how one attempt of an async tool call ended.</summary>
public enum ToolRunStatus
{
    /// <summary>The tool returned normally (a result, or a <see cref="ToolResult"/> that is not an error).</summary>
    Succeeded = 0,

    /// <summary>The tool returned <see cref="ToolResult.Error"/> or threw <see cref="FlireoToolException"/>: a deliberate answer, not retried.</summary>
    ToolError = 1,

    /// <summary>The arguments did not bind or validate: retrying cannot help.</summary>
    InvalidArguments = 2,

    /// <summary>No tool of that name is registered (any more): retrying cannot help.</summary>
    UnknownTool = 3,

    /// <summary>The tool threw an unexpected exception: retried.</summary>
    Exception = 4,

    /// <summary>The attempt ran past its time limit: retried.</summary>
    Timeout = 5,
}
