using Flireo.Tools.Async;

namespace Flireo.Tools.Tests.Shared;

/// <summary>A store whose open completes, or fails, when the test says so; everything else goes to the store it wraps.</summary>
/// <param name="inner">The store that keeps the calls.</param>
internal sealed class GatedOpenStore(IToolWorkLeaseStore inner) : IToolWorkLeaseStore
{
    private int _claims;
    private int _openRequests;
    private readonly TaskCompletionSource _openRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the open: set a result to open the store, an exception to make the open fail.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets how many times a claim reached the store.</summary>
    public int Claims => Volatile.Read(ref _claims);

    /// <summary>Gets how many times the open was asked for.</summary>
    public int OpenRequests => Volatile.Read(ref _openRequests);

    /// <summary>Gets a task that completes when the open is first asked for.</summary>
    public Task OpenRequested => _openRequested.Task;

    /// <summary>Gets how many times a call was offered to the store itself.</summary>
    public int Enqueued { get; private set; }

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _openRequests);
        _openRequested.TrySetResult();
        return new(Gate.Task.WaitAsync(cancellationToken));
    }

    public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        Enqueued++;
        return inner.EnqueueAsync(item, cancellationToken);
    }

    public ValueTask<IReadOnlyList<ToolWorkLease>> ClaimAsync(int maxCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _claims);
        return inner.ClaimAsync(maxCount, cancellationToken);
    }

    public ValueTask RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken) => inner.RenewAsync(leases, cancellationToken);

    public ValueTask CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken) => inner.CompleteAsync(lease, cancellationToken);

    public ValueTask RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken) =>
        inner.RetryLaterAsync(lease, outcome, delay, cancellationToken);

    public ValueTask DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken) =>
        inner.DeadLetterAsync(lease, outcome, cancellationToken);

    public ValueTask ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken) => inner.ReleaseAsync(lease, cancellationToken);

    public ValueTask<IReadOnlyList<ToolWorkItem>> ListWaitingAsync(int maxCount, CancellationToken cancellationToken) => inner.ListWaitingAsync(maxCount, cancellationToken);

    public ValueTask MaintainAsync(CancellationToken cancellationToken) => inner.MaintainAsync(cancellationToken);

    public ToolWorkStoreStatistics GetStatistics() => inner.GetStatistics();
}
