using System.Diagnostics.Metrics;
using Flireo.Tools.Diagnostics;

namespace Flireo.Tools.Async;

/// <summary>Holds the async work instruments on <see cref="FlireoToolsDiagnostics.Meter"/>.</summary>
/// <remarks>
/// Instruments are created once per process; the gauges add up every live queue (normally one per host), so hosts
/// created and disposed in one process (tests) do not leave instruments behind.
/// </remarks>
internal static class ToolWorkMetrics
{
    /// <summary>The <c>reason</c> of a call refused because the queue is full.</summary>
    internal const string QueueFull = "queue_full";

    /// <summary>The <c>reason</c> of a call refused because the host is shutting down.</summary>
    internal const string ShuttingDown = "shutting_down";

    // The same tag names as the router's metrics (Diagnostics/ToolMetrics).
    private const string ToolTag = "tool";
    private const string OutcomeTag = "outcome";
    private const string ReasonTag = "reason";

    private static readonly Lock s_lock = new();
    private static readonly List<TrackedQueue> s_queues = [];

    private static readonly Counter<long> s_completed = FlireoToolsDiagnostics.Meter.CreateCounter<long>(
        "flireo.tools.async.completed", "{call}", "Async tool calls that succeeded.");

    private static readonly Counter<long> s_failed = FlireoToolsDiagnostics.Meter.CreateCounter<long>(
        "flireo.tools.async.failed", "{call}", "Async tool calls that failed for good (after any retries).");

    private static readonly Counter<long> s_retries = FlireoToolsDiagnostics.Meter.CreateCounter<long>(
        "flireo.tools.async.retries", "{attempt}", "Retries of async tool calls after an exception or a timeout.");

    private static readonly Counter<long> s_rejected = FlireoToolsDiagnostics.Meter.CreateCounter<long>(
        "flireo.tools.async.rejected", "{call}", "Async tool calls refused because the queue was full or shutting down.");

    private static readonly Counter<long> s_duplicates = FlireoToolsDiagnostics.Meter.CreateCounter<long>(
        "flireo.tools.async.duplicates", "{call}", "Async tool calls ignored because the same call id and tool call id was accepted before.");

    private static readonly Counter<long> s_abandoned = FlireoToolsDiagnostics.Meter.CreateCounter<long>(
        "flireo.tools.async.abandoned", "{call}", "Acknowledged async tool calls not completed before shutdown.");

    private static readonly Counter<long> s_deadLettered = FlireoToolsDiagnostics.Meter.CreateCounter<long>(
        "flireo.tools.async.dead_lettered", "{call}", "Async tool calls a durable queue moved to its dead letters after they failed for good.");

    private static readonly ObservableGauge<long> s_queueDepth = FlireoToolsDiagnostics.Meter.CreateObservableGauge(
        "flireo.tools.async.queue_depth", ObserveQueueDepth, "{call}", "Async tool calls accepted and not finished (waiting, running or waiting for a retry).");

    private static readonly ObservableGauge<double> s_oldestAge = FlireoToolsDiagnostics.Meter.CreateObservableGauge(
        "flireo.tools.async.oldest_age", ObserveOldestAge, "s", "Age of the oldest unfinished async tool call.");

    private static readonly ObservableGauge<long> s_deadLetters = FlireoToolsDiagnostics.Meter.CreateObservableGauge(
        "flireo.tools.async.dead_letters", ObserveDeadLetters, "{call}", "Async tool calls waiting in the dead letters of a durable queue.");

    /// <summary>Includes a queue in the depth and age gauges until <see cref="Untrack"/>.</summary>
    internal static void Track(IToolWorkQueueStatus queue, TimeProvider timeProvider)
    {
        // Touch the gauges so they exist as soon as a queue does.
        _ = s_queueDepth;
        _ = s_oldestAge;
        _ = s_deadLetters;
        lock (s_lock)
        {
            s_queues.Add(new TrackedQueue(queue, timeProvider));
        }
    }

    /// <summary>Removes a queue from the depth and age gauges.</summary>
    internal static void Untrack(IToolWorkQueueStatus queue)
    {
        lock (s_lock)
        {
            for (var i = 0; i < s_queues.Count; i++)
            {
                if (ReferenceEquals(s_queues[i].Queue, queue))
                {
                    s_queues.RemoveAt(i);
                    return;
                }
            }
        }
    }

    internal static void RecordCompleted(string toolName) =>
        s_completed.Add(1, new KeyValuePair<string, object?>(ToolTag, toolName));

    internal static void RecordFailed(string toolName, ToolRunStatus status) =>
        s_failed.Add(1, new KeyValuePair<string, object?>(ToolTag, toolName), new KeyValuePair<string, object?>(OutcomeTag, status.ToString()));

    internal static void RecordRetry(string toolName) =>
        s_retries.Add(1, new KeyValuePair<string, object?>(ToolTag, toolName));

    internal static void RecordRejected(string toolName, string reason) =>
        s_rejected.Add(1, new KeyValuePair<string, object?>(ToolTag, toolName), new KeyValuePair<string, object?>(ReasonTag, reason));

    internal static void RecordDuplicate(string toolName) =>
        s_duplicates.Add(1, new KeyValuePair<string, object?>(ToolTag, toolName));

    internal static void RecordAbandoned(string toolName) =>
        s_abandoned.Add(1, new KeyValuePair<string, object?>(ToolTag, toolName));

    internal static void RecordDeadLettered(string toolName, ToolRunStatus status) =>
        s_deadLettered.Add(1, new KeyValuePair<string, object?>(ToolTag, toolName), new KeyValuePair<string, object?>(OutcomeTag, status.ToString()));

    private static long ObserveDeadLetters()
    {
        long count = 0;
        lock (s_lock)
        {
            foreach (var tracked in s_queues)
            {
                count += tracked.Queue.DeadLetterCount;
            }
        }

        return count;
    }

    private static long ObserveQueueDepth()
    {
        long depth = 0;
        lock (s_lock)
        {
            foreach (var tracked in s_queues)
            {
                depth += tracked.Queue.Count;
            }
        }

        return depth;
    }

    private static double ObserveOldestAge()
    {
        var oldest = TimeSpan.Zero;
        lock (s_lock)
        {
            foreach (var tracked in s_queues)
            {
                if (tracked.Queue.OldestEnqueuedAt is { } enqueuedAt)
                {
                    var age = tracked.TimeProvider.GetUtcNow() - enqueuedAt;
                    if (age > oldest)
                    {
                        oldest = age;
                    }
                }
            }
        }

        return oldest.TotalSeconds;
    }

    private sealed record TrackedQueue(IToolWorkQueueStatus Queue, TimeProvider TimeProvider);
}
