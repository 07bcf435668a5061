using Flireo.Tools.Async;
using Flireo.Tools.Testing;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Tests.Async;

/// <summary>Runs the store contract of Flireo.Tools.Testing against the in-memory store, as against SQLite and Redis.</summary>
/// <remarks>
/// Every store of a check is a view of one in-memory store, as processes sharing a database are views of it. Leases last
/// <see cref="LeaseDuration"/> here; the default store's leases never expire (its process is the only one).
/// </remarks>
public sealed class InMemoryToolWorkStoreSpecificationTests : ToolWorkStoreSpecification
{
    private InMemoryToolWorkStore? _shared;

    public static TheoryData<string> AllChecks => [.. Checks];

    protected override TimeSpan LeaseDuration => TimeSpan.FromMinutes(1);

    [Theory]
    [MemberData(nameof(AllChecks))]
    public Task Store_Check_MeetsTheContract(string check) => RunAsync(check);

    protected override ValueTask<IToolWorkLeaseStore> CreateStoreAsync()
    {
        _shared ??= new InMemoryToolWorkStore(Options.Create(new FlireoToolsOptions()), Time, LeaseDuration);
        return ValueTask.FromResult<IToolWorkLeaseStore>(new View(_shared));
    }

    /// <summary>Another process's handle on the same calls: every operation goes to the shared store, whose leases tell their holders apart.</summary>
    private sealed class View(InMemoryToolWorkStore store) : IToolWorkLeaseStore
    {
        public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken) => store.EnqueueAsync(item, cancellationToken);

        public ValueTask<IReadOnlyList<ToolWorkLease>> ClaimAsync(int maxCount, CancellationToken cancellationToken) => store.ClaimAsync(maxCount, cancellationToken);

        public ValueTask RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken) => store.RenewAsync(leases, cancellationToken);

        public ValueTask CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken) => store.CompleteAsync(lease, cancellationToken);

        public ValueTask RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken) => store.RetryLaterAsync(lease, outcome, delay, cancellationToken);

        public ValueTask DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken) => store.DeadLetterAsync(lease, outcome, cancellationToken);

        public ValueTask ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken) => store.ReleaseAsync(lease, cancellationToken);

        public ValueTask<IReadOnlyList<ToolWorkItem>> ListWaitingAsync(int maxCount, CancellationToken cancellationToken) => store.ListWaitingAsync(maxCount, cancellationToken);

        public ValueTask MaintainAsync(CancellationToken cancellationToken) => store.MaintainAsync(cancellationToken);

        public ToolWorkStoreStatistics GetStatistics() => store.GetStatistics();
    }
}
