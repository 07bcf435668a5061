using Flireo.Tools.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Flireo.Tools.Hosting.Logging;

/// <summary>Exports traces and metrics of Flireo.Tools and ASP.NET Core with OTLP, only when an endpoint is configured.</summary>
internal static class ServerTelemetry
{
    private const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Adds OpenTelemetry with the OTLP exporter when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>Flireo:Server:OtlpEndpoint</c> is set.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="endpoint">The endpoint from the server options, or <see langword="null"/>.</param>
    /// <returns>The endpoint in use, or <see langword="null"/> when nothing is exported.</returns>
    public static string? AddServerTelemetry(this WebApplicationBuilder builder, Uri? endpoint)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrWhiteSpace(configuration[EndpointKey]))
        {
            if (endpoint is null)
            {
                return null;
            }

            // The exporter reads OTEL_* keys from configuration: one source of truth, same path handling as the variable.
            configuration.AddInMemoryCollection([new(EndpointKey, endpoint.ToString())]);
        }

        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService("Flireo.Tools.Server", serviceVersion: typeof(ServerTelemetry).Assembly.GetName().Version?.ToString()));
        }

        telemetry
            .WithTracing(tracing => tracing
                .AddSource(FlireoToolsDiagnostics.SourceName)
                .AddSource("Microsoft.AspNetCore")
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(FlireoToolsDiagnostics.MeterName)
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddOtlpExporter());
        return configuration[EndpointKey];
    }
}
