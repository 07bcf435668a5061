namespace Flireo.Tools.Async;

/// <summary>Reports the state of a work queue back-end, for health checks and metrics.</summary>
internal interface IToolWorkQueueStatus
{
    /// <summary>Gets how many accepted calls have not finished yet: waiting, running or waiting for a retry.</summary>
    int Count { get; }

    /// <summary>Gets when the oldest unfinished call was accepted, or <see langword="null"/> when there is none.</summary>
    DateTimeOffset? OldestEnqueuedAt { get; }

    /// <summary>Gets a value indicating whether new calls are accepted (false once shutdown has started).</summary>
    bool IsAcceptingWork { get; }
}
