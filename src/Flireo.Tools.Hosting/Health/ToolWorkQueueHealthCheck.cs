using System.Globalization;
using Flireo.Tools.Async;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Hosting.Health;

/// <summary>Reports the async work queue: not ready when it refuses work, degraded when calls wait in the dead letters, the in-memory queue is nearly full, or work stalls.</summary>
/// <remarks>Only the in-memory queue has a capacity; a durable queue (SQLite, Redis) stores every call it acknowledges, so its depth never makes the server unready.</remarks>
internal sealed class ToolWorkQueueHealthCheck(IToolWorkQueue queue, ServerQueueSetup setup, IOptions<FlireoToolsOptions> options, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (queue is not IToolWorkQueueStatus status)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{queue.GetType().Name} reports no status"));
        }

        var count = status.Count;
        var deadLetters = status.DeadLetterCount;
        var data = new Dictionary<string, object> { ["queue"] = setup.Kind.ToString(), ["count"] = count, ["deadLetters"] = deadLetters };
        var capacity = setup.IsBounded ? options.Value.AsyncTools.QueueCapacity : int.MaxValue;
        if (setup.IsBounded)
        {
            data["capacity"] = capacity;
        }

        var oldest = status.OldestEnqueuedAt;
        var waited = oldest is { } since ? time.GetUtcNow() - since : TimeSpan.Zero;
        var result = !status.IsAcceptingWork ? HealthCheckResult.Unhealthy("The async work queue no longer accepts work: the server is shutting down.", data: data)
            : count >= capacity ? HealthCheckResult.Unhealthy(Format("The async work queue is full ({0}/{1}); new async calls are refused.", count, capacity), data: data)
            : setup.IsBounded && count >= capacity * 8L / 10 ? HealthCheckResult.Degraded(Format("The async work queue is nearly full ({0}/{1}).", count, capacity), data: data)
            : deadLetters > 0 ? HealthCheckResult.Degraded(Format("{0} async call(s) failed for good and wait in the dead letters ({1} unfinished); list them with flireo-tools queue dead-letters.", deadLetters, count), data: data)
            : waited > StalledAfter ? HealthCheckResult.Degraded(Format("The oldest unfinished async call has waited {0:0} minutes ({1} unfinished).", waited.TotalMinutes, count), data: data)
            : HealthCheckResult.Healthy(Format("{0} unfinished async calls", count, capacity), data);
        return Task.FromResult(result);
    }

    private static string Format(string format, object first, object second) => string.Format(CultureInfo.InvariantCulture, format, first, second);
}
