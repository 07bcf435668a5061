namespace Flireo.Tools.Async;

/// <summary>Stores acknowledged calls durably and hands them out under leases; what a durable back-end gives the <see cref="DurableToolWorkProcessor"/>.</summary>
/// <remarks>
/// A lease held by a processor that stops without settling it (a crash) must expire, so the call is handed out again, with
/// the next attempt number. Every settling method acts only while the lease is still held by this store's processor.
/// </remarks>
internal interface IToolWorkLeaseStore
{
    /// <summary>Hands out up to <paramref name="maxCount"/> calls that are due, oldest first, each under a new lease.</summary>
    ValueTask<IReadOnlyList<ToolWorkLease>> ClaimAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Extends the leases of calls still running.</summary>
    ValueTask RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken);

    /// <summary>Records that the call succeeded; its key stays known for de-duplication until it is pruned.</summary>
    ValueTask CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken);

    /// <summary>Gives the lease up and makes the call due again after <paramref name="delay"/>.</summary>
    ValueTask RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Moves the call to the dead letters with the outcome of its last attempt.</summary>
    ValueTask DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Gives the lease up without counting the attempt (cut short by shutdown); the call is due again at once.</summary>
    ValueTask ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken);

    /// <summary>Lists up to <paramref name="maxCount"/> unfinished calls no process is running: due, or waiting for a retry; oldest first.</summary>
    ValueTask<IReadOnlyList<ToolWorkItem>> ListWaitingAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Does periodic housekeeping: prunes finished calls, refreshes cached statistics.</summary>
    ValueTask MaintainAsync(CancellationToken cancellationToken);
}
