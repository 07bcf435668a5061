using Flireo.Tools.Async;
using Flireo.Tools.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Tests.Async;

/// <summary>Runs alone (no other test in parallel): the gauges add up every live queue in the process.</summary>
[CollectionDefinition(nameof(ToolWorkMetricsTests), DisableParallelization = true)]
[Collection(nameof(ToolWorkMetricsTests))]
public sealed class ToolWorkMetricsTests
{
    [Fact]
    public async Task QueueDepthGauge_AcceptAndFinish_FollowsUnfinishedCalls()
    {
        var time = TestClock.CreateTracking();
        var store = new InMemoryToolWorkStore(Options.Create(new FlireoToolsOptions()), time);
        using var queue = new DurableToolWorkQueue(store, new ToolWorkSignal(), time, NullLogger<DurableToolWorkQueue>.Instance);
        using var depth = new MetricCollector<long>(FlireoToolsDiagnostics.Meter, "flireo.tools.async.queue_depth");
        depth.RecordObservableInstruments();
        var before = depth.LastMeasurement!.Value;
        for (var i = 0; i < 3; i++)
        {
            await queue.EnqueueAsync(ProcessorHarness.Item($"t{i}"), CancellationToken.None);
        }

        await store.CompleteAsync((await store.ClaimAsync(1, CancellationToken.None))[0], CancellationToken.None);
        depth.RecordObservableInstruments();

        (depth.LastMeasurement!.Value - before).Should().Be(2);
    }

    [Fact]
    public async Task OldestAgeGauge_UnfinishedCall_ReportsItsAgeInSeconds()
    {
        var time = TestClock.CreateTracking();
        var store = new InMemoryToolWorkStore(Options.Create(new FlireoToolsOptions()), time);
        using var queue = new DurableToolWorkQueue(store, new ToolWorkSignal(), time, NullLogger<DurableToolWorkQueue>.Instance);
        using var age = new MetricCollector<double>(FlireoToolsDiagnostics.Meter, "flireo.tools.async.oldest_age");
        var longAgo = TimeSpan.FromDays(1000);
        await queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        time.Advance(longAgo);
        age.RecordObservableInstruments();
        var whileWaiting = age.LastMeasurement!.Value;
        var lease = (await store.ClaimAsync(1, CancellationToken.None))[0];

        await store.CompleteAsync(lease, CancellationToken.None);
        age.RecordObservableInstruments();

        whileWaiting.Should().BeGreaterThanOrEqualTo(longAgo.TotalSeconds);
        age.LastMeasurement!.Value.Should().BeLessThan(longAgo.TotalSeconds);
    }

    [Fact]
    public async Task Gauges_DisposedQueue_NoLongerCounted()
    {
        var time = TestClock.CreateTracking();
        using var depth = new MetricCollector<long>(FlireoToolsDiagnostics.Meter, "flireo.tools.async.queue_depth");
        var queue = new DurableToolWorkQueue(new InMemoryToolWorkStore(Options.Create(new FlireoToolsOptions()), time), new ToolWorkSignal(), time, NullLogger<DurableToolWorkQueue>.Instance);
        await queue.EnqueueAsync(ProcessorHarness.Item("t1"), CancellationToken.None);
        depth.RecordObservableInstruments();
        var withQueue = depth.LastMeasurement!.Value;

        queue.Dispose();
        depth.RecordObservableInstruments();

        (withQueue - depth.LastMeasurement!.Value).Should().Be(1);
    }
}
