namespace Flireo.Tools.Async;

/// <summary>Represents an async tool call that failed for good and was kept by a durable queue for inspection or a retry.</summary>
public sealed record ToolWorkDeadLetter
{
    /// <summary>Gets the stored call.</summary>
    public required ToolWorkItem Item { get; init; }

    /// <summary>Gets how many attempts ran.</summary>
    public required int Attempts { get; init; }

    /// <summary>Gets how the last attempt ended.</summary>
    public required ToolRunStatus Status { get; init; }

    /// <summary>Gets the error of the last attempt, when there was one.</summary>
    public string? Error { get; init; }

    /// <summary>Gets when the call was moved to the dead letters.</summary>
    public required DateTimeOffset DeadLetteredAt { get; init; }
}
