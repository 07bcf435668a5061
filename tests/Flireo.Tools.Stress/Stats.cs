using System.Collections.Concurrent;
using System.Globalization;

namespace Flireo.Tools.Stress;

/// <summary>Counts answers and keeps their latencies per request kind; thread-safe.</summary>
internal sealed class Stats
{
    private readonly ConcurrentDictionary<RequestKind, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyCollection<string> Problems => _problems;

    public void Record(RequestKind kind, TimeSpan elapsed, string? problem)
    {
        Interlocked.Increment(ref _count);
        _latencies.GetOrAdd(kind, _ => []).Add(elapsed.TotalMilliseconds);
        if (problem is not null)
        {
            _problems.Enqueue(problem);
        }
    }

    public string Summary()
    {
        var all = _latencies.Values.SelectMany(l => l).Order().ToArray();
        return all.Length == 0
            ? "no requests"
            : string.Create(CultureInfo.InvariantCulture, $"{all.Length} answers, {_problems.Count} unexpected, latency p50 {Percentile(all, 0.5):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms, max {all[^1]:0} ms");
    }

    public IEnumerable<string> PerKind() => _latencies
        .OrderBy(k => k.Key)
        .Select(k =>
        {
            var sorted = k.Value.Order().ToArray();
            return string.Create(CultureInfo.InvariantCulture, $"{k.Key}: {sorted.Length}, p50 {Percentile(sorted, 0.5):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0} ms");
        });

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
}
