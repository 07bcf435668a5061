using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Flireo.Tools.Benchmarks.Queues;

/// <summary>Shows a percentile of the per-call latencies in microseconds, or its ratio to the baseline's same percentile.</summary>
/// <remarks>With one invocation per iteration (see <see cref="AckLatencyBenchmarks"/>), each measurement is one call.</remarks>
internal sealed class LatencyPercentileColumn(int percentile, bool ratio) : IColumn
{
    public string Id => $"{nameof(LatencyPercentileColumn)}.P{percentile}.{ratio}";

    public string ColumnName => ratio ? $"P{percentile} ratio" : $"P{percentile} us";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ratio ? ColumnCategory.Baseline : ColumnCategory.Statistics;

    public int PriorityInCategory => percentile;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => ratio
        ? $"{percentile}th percentile of the per-call latency divided by the baseline's (the in-memory queue) in the same run"
        : $"{percentile}th percentile of the per-call latency, in microseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (Percentile(summary, benchmarkCase) is not { } value)
        {
            return "?";
        }

        if (!ratio)
        {
            return (value / 1000).ToString("N1", CultureInfo.InvariantCulture);
        }

        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        return baseline is not null && Percentile(summary, baseline) is { } reference && reference > 0
            ? (value / reference).ToString("N2", CultureInfo.InvariantCulture)
            : "?";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;

    private double? Percentile(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics?.Percentiles.Percentile(percentile);
}
