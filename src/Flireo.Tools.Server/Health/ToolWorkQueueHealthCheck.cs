using System.Globalization;
using Flireo.Tools.Async;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Server.Health;

/// <summary>Reports the async work queue: not ready when it refuses work (full or shutting down), degraded when nearly full or stalled.</summary>
internal sealed class ToolWorkQueueHealthCheck(IToolWorkQueue queue, IOptions<FlireoToolsOptions> options, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (queue is not IToolWorkQueueStatus status)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{queue.GetType().Name} reports no status"));
        }

        var count = status.Count;
        var capacity = options.Value.AsyncTools.QueueCapacity;
        var data = new Dictionary<string, object> { ["count"] = count, ["capacity"] = capacity };
        var oldest = status.OldestEnqueuedAt;
        var waited = oldest is { } since ? time.GetUtcNow() - since : TimeSpan.Zero;
        var result = !status.IsAcceptingWork ? HealthCheckResult.Unhealthy("The async work queue no longer accepts work: the server is shutting down.", data: data)
            : count >= capacity ? HealthCheckResult.Unhealthy(Format("The async work queue is full ({0}/{1}); new async calls are refused.", count, capacity), data: data)
            : count >= capacity * 8L / 10 ? HealthCheckResult.Degraded(Format("The async work queue is nearly full ({0}/{1}).", count, capacity), data: data)
            : waited > StalledAfter ? HealthCheckResult.Degraded(Format("The oldest unfinished async call has waited {0:0} minutes ({1} unfinished).", waited.TotalMinutes, count), data: data)
            : HealthCheckResult.Healthy(Format("{0} unfinished async calls", count, capacity), data);
        return Task.FromResult(result);
    }

    private static string Format(string format, object first, object second) => string.Format(CultureInfo.InvariantCulture, format, first, second);
}
