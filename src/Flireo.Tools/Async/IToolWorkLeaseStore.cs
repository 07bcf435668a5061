namespace Flireo.Tools.Async;

/// <summary>Stores acknowledged async tool calls and hands them out under leases; implement it to keep calls in your own back-end.</summary>
/// <remarks>
/// <para>
/// Register an implementation with <c>AddToolWorkStore&lt;TStore&gt;()</c>: Flireo.Tools then runs the stored calls with its
/// own processor (concurrency, retries with back-off, dead letters, lease renewal, the drain on shutdown), so a store only
/// keeps state. The default in-memory queue, Flireo.Tools.Sqlite and Flireo.Tools.Redis are built on this contract; <c>ToolWorkStoreSpecification</c> in
/// Flireo.Tools.Testing checks an implementation against it.
/// </para>
/// <para>The guarantees a store gives:</para>
/// <list type="bullet">
/// <item><description><see cref="EnqueueAsync"/> returns only once the call is stored as durably as the back-end can (the webhook is answered after it); it throws when it cannot store it, and the call is refused.</description></item>
/// <item><description>A key (<see cref="ToolWorkItem.Key"/>) is accepted once: while its call waits, runs, waits for a retry or is a dead letter, and for a retention period after it completed, it is a <see cref="ToolWorkEnqueueResult.Duplicate"/>.</description></item>
/// <item><description>A call is leased to one processor at a time. A lease not renewed (the process died) expires, and the call is handed out again with the next attempt number, so a call that kills every process running it still ends in the dead letters.</description></item>
/// <item><description>The settling methods (<see cref="CompleteAsync"/>, <see cref="RetryLaterAsync"/>, <see cref="DeadLetterAsync"/>, <see cref="ReleaseAsync"/>) act only while the lease is still held by this store instance; a lease that expired and went to another process is left alone.</description></item>
/// </list>
/// <para>
/// The processor calls the methods from several threads at once. Apart from <see cref="EnqueueAsync"/> and
/// <see cref="GetStatistics"/>, a method that throws is logged and retried by the processor's next round (a settle that fails
/// leaves the lease to expire, so the call runs again: at least once, never lost).
/// </para>
/// </remarks>
public interface IToolWorkLeaseStore
{
    /// <summary>Opens the store (creates or checks its file or schema, connects) before its first use; every call shares one open.</summary>
    /// <param name="cancellationToken">Ends this caller's wait; the open itself goes on for the other callers.</param>
    /// <returns>A task that completes when the store is open, or fails with the reason it cannot be opened (every later call fails the same way).</returns>
    /// <remarks>
    /// The processor calls it in the background a second after it started (sooner when a call is stored) and claims only once
    /// it completed; the queue calls it and waits for it, within the webhook's own cancellation, before it stores a call, and refuses the call with the reason
    /// <c>store_unavailable</c> when it failed. A store that failed to open stops the host. So a store that is slow to open
    /// does not hold the host's start, and sync tool calls are answered meanwhile. The default implementation returns at
    /// once: a store that opens in its constructor needs nothing more.
    /// </remarks>
    ValueTask OpenAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Stores a call unless its key is known; returns once the call is stored.</summary>
    /// <param name="item">The call, with <see cref="ToolWorkItem.EnqueuedAt"/> set.</param>
    /// <param name="cancellationToken">Withdraws the call while the write has not started; the queue passes none, so an offered call is stored or refused, never half-done.</param>
    /// <returns>
    /// <see cref="ToolWorkEnqueueResult.Accepted"/> when stored, <see cref="ToolWorkEnqueueResult.Duplicate"/> when the key is
    /// known, or <see cref="ToolWorkEnqueueResult.Rejected"/> when the store is full (counted with the reason <c>queue_full</c>).
    /// </returns>
    /// <exception cref="Exception">Any exception means the call was not stored; the queue refuses it with the reason <c>store_unavailable</c>.</exception>
    ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken);

    /// <summary>Hands out up to <paramref name="maxCount"/> calls that are due, oldest first, each under a new lease.</summary>
    /// <param name="maxCount">The most calls to hand out; at least 1.</param>
    /// <param name="cancellationToken">Cancelled when the processor stops claiming.</param>
    /// <returns>
    /// The leased calls. A call is due when it is new, its retry delay has passed, it was released, or its lease expired; each
    /// claim counts an attempt, so <see cref="ToolWorkLease.Attempt"/> is one more than the attempts that were not released.
    /// </returns>
    ValueTask<IReadOnlyList<ToolWorkLease>> ClaimAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Extends the leases of calls still running, so no other process takes them.</summary>
    /// <param name="leases">The leases this store handed out that are still running.</param>
    /// <param name="cancellationToken">Cancelled when the processor stops.</param>
    /// <returns>A task that completes when the leases are extended.</returns>
    ValueTask RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken);

    /// <summary>Records that the call succeeded; its key stays known for de-duplication until the retention has passed.</summary>
    /// <param name="lease">The lease of the call.</param>
    /// <param name="cancellationToken">Not cancelled by the processor: a finished call is always recorded.</param>
    /// <returns>A task that completes when the call is recorded as finished.</returns>
    ValueTask CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken);

    /// <summary>Gives the lease up and makes the call due again after <paramref name="delay"/>, keeping the attempt count.</summary>
    /// <param name="lease">The lease of the call.</param>
    /// <param name="outcome">How the attempt ended (an exception or a timeout).</param>
    /// <param name="delay">How long the call waits before it is due again.</param>
    /// <param name="cancellationToken">Not cancelled by the processor.</param>
    /// <returns>A task that completes when the retry is stored.</returns>
    ValueTask RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Moves the call to the dead letters with the outcome of its last attempt; its key stays known.</summary>
    /// <param name="lease">The lease of the call.</param>
    /// <param name="outcome">How the last attempt ended.</param>
    /// <param name="cancellationToken">Not cancelled by the processor.</param>
    /// <returns>A task that completes when the call is a dead letter.</returns>
    ValueTask DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Gives the lease up without counting the attempt (the shutdown cut it short); the call is due again at once.</summary>
    /// <param name="lease">The lease of the call.</param>
    /// <param name="cancellationToken">Not cancelled by the processor.</param>
    /// <returns>A task that completes when the call is released.</returns>
    ValueTask ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken);

    /// <summary>Lists up to <paramref name="maxCount"/> unfinished calls no process is running: due, or waiting for a retry.</summary>
    /// <param name="maxCount">The most calls to list.</param>
    /// <param name="cancellationToken">The host's stop token.</param>
    /// <returns>The calls; the processor names each in its log when it stops, so nothing acknowledged is left silently.</returns>
    ValueTask<IReadOnlyList<ToolWorkItem>> ListWaitingAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Does periodic housekeeping: prunes finished calls older than the retention, refreshes cached statistics.</summary>
    /// <param name="cancellationToken">Cancelled when the processor stops.</param>
    /// <returns>A task that completes when the housekeeping is done.</returns>
    /// <remarks>Called every <see cref="ToolWorkStoreOptions.MaintenanceInterval"/> by the processor, before it claims.</remarks>
    ValueTask MaintainAsync(CancellationToken cancellationToken);

    /// <summary>Reports how many calls are unfinished, when the oldest was accepted and how many dead letters wait.</summary>
    /// <returns>The statistics; read by the metrics gauges and health checks, so keep it cheap (a value cached by <see cref="MaintainAsync"/> is fine).</returns>
    ToolWorkStoreStatistics GetStatistics();
}
