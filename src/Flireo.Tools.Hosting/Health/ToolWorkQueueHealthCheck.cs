using System.Globalization;
using Flireo.Tools.Async;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Hosting.Health;

/// <summary>Reports the async work queue: not ready when it refuses work, degraded when calls wait in the dead letters, the in-memory queue is nearly full, or work stalls.</summary>
/// <remarks>
/// Only the in-memory queue has a capacity; a durable queue (SQLite, Redis) stores every call it acknowledges, so its depth
/// never makes the server unready. While the store opens (the SQLite file, in the background after the start) the check
/// waits for it, as async calls do, within the probe's own time; a store that could not be opened is unhealthy.
/// </remarks>
internal sealed class ToolWorkQueueHealthCheck(IToolWorkQueue queue, ServerQueueSetup setup, ServerQueueOpening opening, IOptions<FlireoToolsOptions> options, TimeProvider time) : IHealthCheck
{
    /// <summary>The result when the store could not be opened; the reason is in the log, not in an anonymous answer.</summary>
    internal static readonly HealthCheckResult OpenFailed = HealthCheckResult.Unhealthy("The async work store could not be opened: async calls are refused and the server stops; the log names the reason.");

    private static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await opening.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (opening.Failure is not null)
        {
            return OpenFailed;
        }

        return Check();
    }

    private HealthCheckResult Check()
    {
        if (queue is not IToolWorkQueueStatus status)
        {
            return HealthCheckResult.Healthy($"{queue.GetType().Name} reports no status");
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
        return result;
    }

    private static string Format(string format, object first, object second) => string.Format(CultureInfo.InvariantCulture, format, first, second);
}
