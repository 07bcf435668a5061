using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Perfolizer.Mathematics.OutlierDetection;

namespace Flireo.Tools.Benchmarks.Queues;

/// <summary>Measures one acknowledged call per iteration, keeps every measurement (the tail is the point), and shows p50/p99 and their ratios.</summary>
/// <remarks>The settings change whichever job runs (also <c>--job short</c>): the call counts are the measurement, not a choice of the job.</remarks>
public sealed class AckLatencyConfig : ManualConfig
{
    /// <summary>Gets how many calls are measured per back-end; with the warm-up they stay below the count of distinct bodies.</summary>
    public const int MeasuredCalls = 4000;

    /// <summary>Gets how many calls warm each back-end up before the measurement.</summary>
    public const int WarmupCalls = 200;

    /// <summary>Initializes a new instance of the <see cref="AckLatencyConfig"/> class.</summary>
    public AckLatencyConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(WarmupCalls)
            .WithIterationCount(MeasuredCalls)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithGcForce(false)
            .WithOutlierMode(OutlierMode.DontRemove)
            .AsMutator());
        AddColumn(
            new LatencyPercentileColumn(50, ratio: false),
            new LatencyPercentileColumn(99, ratio: false),
            new LatencyPercentileColumn(50, ratio: true),
            new LatencyPercentileColumn(99, ratio: true));
        // The mean-based ratio mixes the tail into a figure that says little here; the percentile ratios replace it.
        HideColumns(Column.Ratio, Column.RatioSD, Column.Error);
    }
}
