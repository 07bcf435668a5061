namespace Flireo.Tools.Async;

/// <summary>Describes the state of a <see cref="IToolWorkLeaseStore"/>, for the queue's status, health checks and metrics.</summary>
/// <param name="Count">How many accepted calls have not finished: waiting, running or waiting for a retry.</param>
/// <param name="OldestEnqueuedAt">When the oldest unfinished call was accepted, or <see langword="null"/> when there is none.</param>
/// <param name="DeadLetterCount">How many calls failed for good and wait in the dead letters.</param>
public readonly record struct ToolWorkStoreStatistics(int Count, DateTimeOffset? OldestEnqueuedAt, int DeadLetterCount);
