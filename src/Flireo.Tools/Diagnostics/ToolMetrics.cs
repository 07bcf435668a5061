using System.Diagnostics.Metrics;

namespace Flireo.Tools.Diagnostics;

/// <summary>The router's counters and histograms on the <c>Flireo.Tools</c> meter.</summary>
internal static class ToolMetrics
{
    public static readonly Counter<long> Calls = FlireoToolsDiagnostics.Meter.CreateCounter<long>("flireo.tools.calls", "{call}", "Tool calls handled, by tool and outcome.");

    public static readonly Histogram<double> Duration = FlireoToolsDiagnostics.Meter.CreateHistogram<double>("flireo.tools.call.duration", "s", "How long tool calls took.");

    public static readonly Counter<long> Errors = FlireoToolsDiagnostics.Meter.CreateCounter<long>("flireo.tools.errors", "{call}", "Tool calls answered with an error.");

    public static readonly Counter<long> Timeouts = FlireoToolsDiagnostics.Meter.CreateCounter<long>("flireo.tools.timeouts", "{call}", "Tool calls that ran past their deadline.");

    public static readonly Counter<long> LateResults = FlireoToolsDiagnostics.Meter.CreateCounter<long>("flireo.tools.late_results", "{call}", "Tool results that arrived after the deadline and were not sent.");

    public static readonly Counter<long> Busy = FlireoToolsDiagnostics.Meter.CreateCounter<long>("flireo.tools.busy", "{call}", "Tool calls answered with a busy error because Flireo:MaxConcurrentToolCalls calls were running.");

    public static readonly Counter<long> DuplicateHits = FlireoToolsDiagnostics.Meter.CreateCounter<long>("flireo.tools.duplicate_hits", "{call}", "Repeated tool calls answered without running the tool again.");

    public static readonly Counter<long> WebhooksRefused = FlireoToolsDiagnostics.Meter.CreateCounter<long>("flireo.webhooks.refused", "{request}", "Webhook requests refused before they were handled (400, 401, 413, 415), by status code and reason.");
}
