using Flireo.Tools.Async;
using Flireo.Tools.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.Async;

/// <summary>The default in-memory store and the queue in front of it: capacity, de-duplication window, refusal at stop, status.</summary>
/// <remarks>The store contract itself (claims, leases, retries, releases) is checked by <see cref="InMemoryToolWorkStoreSpecificationTests"/>.</remarks>
public sealed class InMemoryToolWorkStoreTests : IDisposable
{
    private readonly FakeTimeProvider _time = TestClock.Create();
    private readonly FakeLogCollector _logs = new();
    private readonly FlireoToolsOptions _options = new();
    private InMemoryToolWorkStore? _store;
    private DurableToolWorkQueue? _queue;

    private InMemoryToolWorkStore Store => _store ??= new InMemoryToolWorkStore(Options.Create(_options), _time);

    private DurableToolWorkQueue Queue => _queue ??= new DurableToolWorkQueue(Store, new ToolWorkSignal(), _time, new FakeLogger<DurableToolWorkQueue>(_logs));

    public void Dispose() => _queue?.Dispose();

    [Fact]
    public async Task EnqueueAsync_ItemWithoutEnqueuedAt_StampsTheCurrentTime()
    {
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        var claimed = await ClaimOneAsync();
        claimed.Item.EnqueuedAt.Should().Be(_time.GetUtcNow());
        claimed.Item.ArgumentsJson.Should().Be(ProcessorHarness.Arguments);
    }

    [Fact]
    public async Task EnqueueAsync_SameToolCallIdInAnotherCall_Accepts()
    {
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1", callId: "call-1"), CancellationToken.None);

        var otherCall = await Queue.EnqueueAsync(ProcessorHarness.Item("t1", callId: "call-2"), CancellationToken.None);

        otherCall.Should().Be(ToolWorkEnqueueResult.Accepted);
        Queue.Count.Should().Be(2);
    }

    [Fact]
    public async Task EnqueueAsync_SameKeyAfterFinishedWithinWindow_ReturnsDuplicate()
    {
        _options.IdempotencyWindow = TimeSpan.FromMinutes(10);
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        await Store.CompleteAsync(await ClaimOneAsync(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));

        var result = await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Duplicate);
        Queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task EnqueueAsync_SameKeyAfterWindowExpired_AcceptsAgain()
    {
        _options.IdempotencyWindow = TimeSpan.FromMinutes(10);
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        await Store.CompleteAsync(await ClaimOneAsync(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));

        var result = await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Accepted);
    }

    [Fact]
    public async Task EnqueueAsync_NoWindow_ForgetsTheKeyOnceFinished()
    {
        _options.IdempotencyWindow = TimeSpan.Zero;
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        await Store.DeadLetterAsync(await ClaimOneAsync(), new ToolRunOutcome(ToolRunStatus.ToolError), CancellationToken.None);

        var result = await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Accepted);
    }

    [Fact]
    public async Task EnqueueAsync_MoreFinishedKeysThanCapacity_ForgetsOnlyTheOldest()
    {
        _options.IdempotencyCapacity = 2;
        foreach (var id in new[] { "t1", "t2", "t3" })
        {
            await Queue.EnqueueAsync(ProcessorHarness.Item(id), CancellationToken.None);
            await Store.CompleteAsync(await ClaimOneAsync(), CancellationToken.None);
        }

        var oldest = await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        var newest = await Queue.EnqueueAsync(ProcessorHarness.Item("t3"), CancellationToken.None);

        oldest.Should().Be(ToolWorkEnqueueResult.Accepted);
        newest.Should().Be(ToolWorkEnqueueResult.Duplicate);
    }

    [Fact]
    public async Task EnqueueAsync_FullQueue_RejectsWithoutWaiting()
    {
        _options.AsyncTools.QueueCapacity = 2;
        var toolName = "full_" + Guid.NewGuid().ToString("N")[..8];
        using var rejected = new MetricCollector<long>(FlireoToolsDiagnostics.Meter, "flireo.tools.async.rejected");
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1", toolName), CancellationToken.None);
        await Queue.EnqueueAsync(ProcessorHarness.Item("t2", toolName), CancellationToken.None);

        var pending = Queue.EnqueueAsync(ProcessorHarness.Item("t3", toolName), CancellationToken.None);

        pending.IsCompleted.Should().BeTrue("a full queue must not hold up the webhook");
        (await pending).Should().Be(ToolWorkEnqueueResult.Rejected);
        Queue.Count.Should().Be(2);
        _logs.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Warning && r.Message.Contains("t3") && r.Message.Contains("queue_full"));
        rejected.GetMeasurementSnapshot().Where(m => Equals(m.Tags["tool"], toolName))
            .Should().ContainSingle().Which.Tags["reason"].Should().Be("queue_full");
    }

    [Fact]
    public async Task EnqueueAsync_FullQueue_RunningAndRetryingCallsCountUntilFinished()
    {
        _options.AsyncTools.QueueCapacity = 2;
        await Queue.EnqueueAsync(ProcessorHarness.Item("running"), CancellationToken.None);
        await Queue.EnqueueAsync(ProcessorHarness.Item("retrying"), CancellationToken.None);
        var leases = await Store.ClaimAsync(2, CancellationToken.None);
        await Store.RetryLaterAsync(leases[1], new ToolRunOutcome(ToolRunStatus.Exception, "down"), TimeSpan.FromMinutes(1), CancellationToken.None);

        var whileUnfinished = await Queue.EnqueueAsync(ProcessorHarness.Item("t3"), CancellationToken.None);
        await Store.CompleteAsync(leases[0], CancellationToken.None);
        var afterOneFinished = await Queue.EnqueueAsync(ProcessorHarness.Item("t3"), CancellationToken.None);

        whileUnfinished.Should().Be(ToolWorkEnqueueResult.Rejected, "a call running or waiting for a retry still holds its place, so a failing dependency fills the queue");
        afterOneFinished.Should().Be(ToolWorkEnqueueResult.Accepted);
    }

    [Fact]
    public async Task EnqueueAsync_AfterStopAccepting_RejectsAsShuttingDownAndReportsNotAccepting()
    {
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        Store.StopAccepting();
        var result = await Queue.EnqueueAsync(ProcessorHarness.Item("t2"), CancellationToken.None);
        var duplicate = await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Rejected);
        duplicate.Should().Be(ToolWorkEnqueueResult.Duplicate, "a call accepted before the stop is still known");
        Queue.IsAcceptingWork.Should().BeFalse();
        _logs.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Warning && r.Message.Contains("shutting_down"));
        (await ClaimOneAsync()).Item.ToolCallId.Should().Be("t1", "calls accepted before the stop still run");
    }

    [Fact]
    public async Task EnqueueAsync_CancelledRequest_ThrowsAndStoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = async () => await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task EnqueueAsync_NullItem_Throws()
    {
        var act = async () => await Queue.EnqueueAsync(null!, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task Status_AcceptAndFinish_TracksCountAndOldestUnfinished()
    {
        var first = _time.GetUtcNow();
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        await Queue.EnqueueAsync(ProcessorHarness.Item("t2"), CancellationToken.None);
        var statusBefore = (Queue.Count, Queue.OldestEnqueuedAt);

        await Store.CompleteAsync(await ClaimOneAsync(), CancellationToken.None);

        statusBefore.Should().Be((2, first));
        (Queue.Count, Queue.OldestEnqueuedAt, Queue.DeadLetterCount, Queue.IsAcceptingWork).Should().Be((1, first.AddSeconds(5), 0, true));
    }

    [Fact]
    public void Status_Empty_HasNoOldestItem()
    {
        var status = (Queue.Count, Queue.OldestEnqueuedAt);

        status.Should().Be((0, (DateTimeOffset?)null));
    }

    [Fact]
    public async Task NextDueIn_RetryAndRelease_TellsWhenTheNextCallIsDue()
    {
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        await Queue.EnqueueAsync(ProcessorHarness.Item("t2"), CancellationToken.None);
        var none = Store.NextDueIn();
        var leases = await Store.ClaimAsync(2, CancellationToken.None);

        await Store.RetryLaterAsync(leases[0], new ToolRunOutcome(ToolRunStatus.Timeout), TimeSpan.FromSeconds(8), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));
        var retry = Store.NextDueIn();
        await Store.ReleaseAsync(leases[1], CancellationToken.None);
        var released = Store.NextDueIn();

        none.Should().BeNull("a new call wakes the processor itself");
        retry.Should().Be(TimeSpan.FromSeconds(5));
        released.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task Claim_NotExpiringLeases_NeverHandsARunningCallOutAgain()
    {
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        await ClaimOneAsync();

        _time.Advance(TimeSpan.FromDays(30));

        (await Store.ClaimAsync(1, CancellationToken.None)).Should().BeEmpty("in memory the process holding a lease is the only one: it never expires");
    }

    private async Task<ToolWorkLease> ClaimOneAsync() => (await Store.ClaimAsync(1, CancellationToken.None)).Should().ContainSingle().Subject;
}
