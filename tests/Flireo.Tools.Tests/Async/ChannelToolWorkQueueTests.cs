using Flireo.Tools.Async;
using Flireo.Tools.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.Async;

public sealed class ChannelToolWorkQueueTests : IDisposable
{
    private readonly FakeTimeProvider _time = TestClock.Create();
    private readonly FakeLogCollector _logs = new();
    private readonly FlireoToolsOptions _options = new();
    private ChannelToolWorkQueue? _queue;

    private ChannelToolWorkQueue Queue => _queue ??= new ChannelToolWorkQueue(Options.Create(_options), _time, new FakeLogger<ChannelToolWorkQueue>(_logs));

    public void Dispose() => _queue?.Dispose();

    [Fact]
    public async Task EnqueueAsync_NewItem_AcceptsAndMakesItReadable()
    {
        var item = ProcessorHarness.Item("t1");

        var result = await Queue.EnqueueAsync(item, CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Accepted);
        Queue.Reader.TryRead(out var read).Should().BeTrue();
        read!.Key.Should().Be(item.Key);
        read.ArgumentsJson.Should().Be(ProcessorHarness.Arguments);
    }

    [Fact]
    public async Task EnqueueAsync_ItemWithoutEnqueuedAt_StampsTheCurrentTime()
    {
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        Queue.Reader.TryRead(out var read).Should().BeTrue();
        read!.EnqueuedAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task EnqueueAsync_SameKeyWhileUnfinished_ReturnsDuplicateAndStoresOnce()
    {
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        Queue.Reader.TryRead(out _).Should().BeTrue();

        var whileRunning = await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        whileRunning.Should().Be(ToolWorkEnqueueResult.Duplicate);
        Queue.Reader.TryRead(out _).Should().BeFalse();
        Queue.Count.Should().Be(1);
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
        Queue.Reader.TryRead(out var item).Should().BeTrue();
        Queue.MarkFinished(item!);
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
        Queue.Reader.TryRead(out var item).Should().BeTrue();
        Queue.MarkFinished(item!);
        _time.Advance(TimeSpan.FromMinutes(10));

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
            Queue.Reader.TryRead(out var item).Should().BeTrue();
            Queue.MarkFinished(item!);
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
    public async Task EnqueueAsync_FullQueueAfterOneRead_AcceptsAgain()
    {
        _options.AsyncTools.QueueCapacity = 1;
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        Queue.Reader.TryRead(out _).Should().BeTrue();

        var result = await Queue.EnqueueAsync(ProcessorHarness.Item("t2"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Accepted);
    }

    [Fact]
    public async Task EnqueueAsync_AfterComplete_RejectsAndReportsNotAccepting()
    {
        Queue.Complete();

        var result = await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Rejected);
        Queue.IsAcceptingWork.Should().BeFalse();
        _logs.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Warning && r.Message.Contains("shutting_down"));
    }

    [Fact]
    public async Task Complete_WithWaitingItems_KeepsThemReadable()
    {
        await Queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);

        Queue.Complete();

        Queue.Reader.TryRead(out var item).Should().BeTrue();
        item!.ToolCallId.Should().Be("t1");
        Queue.Reader.Completion.IsCompleted.Should().BeTrue();
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
        Queue.Reader.TryRead(out var oldest).Should().BeTrue();

        Queue.MarkFinished(oldest!);

        statusBefore.Should().Be((2, first));
        Queue.Count.Should().Be(1);
        Queue.OldestEnqueuedAt.Should().Be(first.AddSeconds(5));
        Queue.IsAcceptingWork.Should().BeTrue();
    }

    [Fact]
    public void Status_Empty_HasNoOldestItem()
    {
        var status = (Queue.Count, Queue.OldestEnqueuedAt);

        status.Should().Be((0, (DateTimeOffset?)null));
    }
}
