namespace Flireo.Tools.Async;

/// <summary>Reports the state of a work queue back-end, for health checks and metrics.</summary>
/// <remarks>Every built-in back-end implements it; resolve it as the registered <see cref="IToolWorkQueue"/> cast to this interface.</remarks>
public interface IToolWorkQueueStatus
{
    /// <summary>Gets how many accepted calls have not finished yet: waiting, running or waiting for a retry.</summary>
    int Count { get; }

    /// <summary>Gets when the oldest unfinished call was accepted, or <see langword="null"/> when there is none.</summary>
    DateTimeOffset? OldestEnqueuedAt { get; }

    /// <summary>Gets how many calls failed for good and wait in the dead letters for a retry or removal (always 0 in memory).</summary>
    int DeadLetterCount { get; }

    /// <summary>Gets a value indicating whether new calls are accepted (false once shutdown has started).</summary>
    bool IsAcceptingWork { get; }
}
