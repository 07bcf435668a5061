using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Tests.Async;

/// <summary>AddToolWorkStore wires a user's store: the queue webhooks store through, its status, dead letters and the processor.</summary>
public sealed class ToolWorkStoreRegistrationTests
{
    private const int RejectedEvent = 2002;
    private const int StoreRefusedEvent = 2023;
    private const int StoreStatusFailedEvent = 2024;

    [Fact]
    public void AddToolWorkStore_StoreWithoutDeadLetters_ReplacesTheInMemoryQueueAndAddsTheProcessor()
    {
        var services = new ServiceCollection();
        services.AddFlireoTools().AddToolWorkStore<ListStore>();

        using var provider = services.BuildServiceProvider();

        var queue = provider.GetRequiredService<IToolWorkQueue>();
        queue.GetType().Name.Should().Be("DurableToolWorkQueue");
        provider.GetRequiredService<IToolWorkQueueStatus>().Should().BeSameAs(queue);
        provider.GetRequiredService<IToolWorkLeaseStore>().Should().BeSameAs(provider.GetRequiredService<ListStore>());
        provider.GetService<IToolWorkDeadLetterStore>().Should().BeNull("the store keeps no dead letters");
        provider.GetServices<IHostedService>().OfType<DurableToolWorkProcessor>().Should().ContainSingle();
    }

    [Fact]
    public async Task AddToolWorkStore_StoreWithDeadLetters_ServesThemThroughIToolWorkDeadLetterStore()
    {
        var store = new DeadLetterStore();
        var services = new ServiceCollection();
        services.AddFlireoTools().AddToolWorkStore(_ => store);

        await using var provider = services.BuildServiceProvider();
        var deadLetters = provider.GetRequiredService<IToolWorkDeadLetterStore>();

        (await deadLetters.RetryDeadLetterAsync("known", CancellationToken.None)).Should().BeTrue();
        (await deadLetters.RetryDeadLetterAsync("unknown", CancellationToken.None)).Should().BeFalse();
        store.Retried.Should().Equal("known", "unknown");
    }

    [Fact]
    public void AddToolWorkStore_CalledAgainWithTheSameStore_OnlyConfigures()
    {
        var services = new ServiceCollection();
        var tools = services.AddFlireoTools();

        tools.AddToolWorkStore<ListStore>(configure: o => o.PollInterval = TimeSpan.FromSeconds(5))
            .AddToolWorkStore<ListStore>(configure: o => o.LeaseRenewInterval = TimeSpan.FromSeconds(7));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ToolWorkStoreOptions>>().Value;
        (options.PollInterval, options.LeaseRenewInterval).Should().Be((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7)));
        provider.GetServices<IHostedService>().OfType<DurableToolWorkProcessor>().Should().ContainSingle();
        services.Count(d => d.ServiceType == typeof(ListStore)).Should().Be(1);
    }

    [Fact]
    public void AddToolWorkStore_AnotherStore_ReplacesTheFirst()
    {
        var services = new ServiceCollection();

        services.AddFlireoTools().AddToolWorkStore<DeadLetterStore>().AddToolWorkStore<ListStore>();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IToolWorkLeaseStore>().Should().BeOfType<ListStore>();
        provider.GetService<IToolWorkDeadLetterStore>().Should().BeNull("the store now registered keeps no dead letters");
        provider.GetServices<IHostedService>().OfType<DurableToolWorkProcessor>().Should().ContainSingle();
    }

    [Fact]
    public async Task Enqueue_StoreThrows_RefusesTheCallAndLogsTheStore()
    {
        var store = new ListStore { Failure = new IOException("disk full") };
        using var provider = BuildProvider(store);

        var result = await provider.GetRequiredService<IToolWorkQueue>().EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Rejected);
        provider.GetFakeLogCollector().GetSnapshot().Should().Contain(r =>
            r.Id.Id == StoreRefusedEvent && r.Level == LogLevel.Error && r.Message.Contains("ListStore", StringComparison.Ordinal) && r.Exception == store.Failure);
    }

    [Fact]
    public async Task Enqueue_StoreFull_RefusesTheCallAsQueueFull()
    {
        var store = new ListStore { Capacity = 1 };
        using var provider = BuildProvider(store);
        var queue = provider.GetRequiredService<IToolWorkQueue>();

        var results = new[]
        {
            await queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None),
            await queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None),
            await queue.EnqueueAsync(ProcessorHarness.Item("t2"), CancellationToken.None),
        };

        results.Should().Equal(ToolWorkEnqueueResult.Accepted, ToolWorkEnqueueResult.Duplicate, ToolWorkEnqueueResult.Rejected);
        provider.GetFakeLogCollector().GetSnapshot().Should().Contain(r => r.Id.Id == RejectedEvent && r.Message.Contains("queue_full", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_StoreStatisticsThrow_ReportsAnEmptyQueueAndLogsTheStore()
    {
        var store = new ListStore { Failure = new IOException("locked") };
        using var provider = BuildProvider(store);
        var status = provider.GetRequiredService<IToolWorkQueueStatus>();

        var read = (status.Count, status.OldestEnqueuedAt, status.DeadLetterCount, status.IsAcceptingWork);

        read.Should().Be((0, (DateTimeOffset?)null, 0, true));
        provider.GetFakeLogCollector().GetSnapshot().Should().Contain(r => r.Id.Id == StoreStatusFailedEvent && r.Message.Contains("ListStore", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_StoreStatistics_AreTheQueueStatus()
    {
        var oldest = new DateTimeOffset(2025, 6, 1, 11, 0, 0, TimeSpan.Zero);
        var store = new ListStore { Statistics = new ToolWorkStoreStatistics(3, oldest, 2) };
        using var provider = BuildProvider(store);
        var status = provider.GetRequiredService<IToolWorkQueueStatus>();

        var read = (status.Count, status.OldestEnqueuedAt, status.DeadLetterCount);

        read.Should().Be((3, (DateTimeOffset?)oldest, 2));
    }

    private static ServiceProvider BuildProvider(ListStore store)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddFlireoTools().AddToolWorkStore(_ => store);
        return services.BuildServiceProvider();
    }

    /// <summary>Keeps the keys it was given; enough of a store for the registration and the queue in front of it.</summary>
    private class ListStore : IToolWorkLeaseStore
    {
        private readonly List<string> _keys = [];

        public Exception? Failure { get; init; }

        public int Capacity { get; init; } = int.MaxValue;

        public ToolWorkStoreStatistics Statistics { get; init; }

        public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            lock (_keys)
            {
                if (_keys.Contains(item.Key))
                {
                    return ValueTask.FromResult(ToolWorkEnqueueResult.Duplicate);
                }

                if (_keys.Count == Capacity)
                {
                    return ValueTask.FromResult(ToolWorkEnqueueResult.Rejected);
                }

                _keys.Add(item.Key);
                return ValueTask.FromResult(ToolWorkEnqueueResult.Accepted);
            }
        }

        public ToolWorkStoreStatistics GetStatistics() => Failure is null ? Statistics : throw Failure;

        public ValueTask<IReadOnlyList<ToolWorkLease>> ClaimAsync(int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<ToolWorkLease>>([]);

        public ValueTask RenewAsync(IReadOnlyList<ToolWorkLease> leases, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask CompleteAsync(ToolWorkLease lease, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask RetryLaterAsync(ToolWorkLease lease, ToolRunOutcome outcome, TimeSpan delay, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DeadLetterAsync(ToolWorkLease lease, ToolRunOutcome outcome, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ReleaseAsync(ToolWorkLease lease, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<ToolWorkItem>> ListWaitingAsync(int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<ToolWorkItem>>([]);

        public ValueTask MaintainAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>A store that also keeps dead letters; it records which keys were retried.</summary>
    private sealed class DeadLetterStore : ListStore, IToolWorkDeadLetterStore
    {
        public List<string> Retried { get; } = [];

        public ValueTask<IReadOnlyList<ToolWorkDeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<ToolWorkDeadLetter>>([]);

        public ValueTask<bool> RetryDeadLetterAsync(string key, CancellationToken cancellationToken)
        {
            Retried.Add(key);
            return ValueTask.FromResult(key == "known");
        }

        public ValueTask<bool> DeleteDeadLetterAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
