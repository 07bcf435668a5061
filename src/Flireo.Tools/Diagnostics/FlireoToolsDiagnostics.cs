using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Flireo.Tools.Diagnostics;

/// <summary>Provides the names of the tracing source and meter that Flireo.Tools reports to.</summary>
/// <remarks>Subscribe with <c>AddSource(FlireoToolsDiagnostics.SourceName)</c> and <c>AddMeter(FlireoToolsDiagnostics.MeterName)</c> in OpenTelemetry.</remarks>
public static class FlireoToolsDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>Flireo.Tools</c>.</summary>
    public const string SourceName = "Flireo.Tools";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>Flireo.Tools</c>.</summary>
    public const string MeterName = "Flireo.Tools";

    internal static readonly ActivitySource ActivitySource = new(SourceName, typeof(FlireoToolsDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(MeterName, typeof(FlireoToolsDiagnostics).Assembly.GetName().Version?.ToString());
}
