using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flireo.Tools.Hosting.Health;

/// <summary>Writes a health report as a small JSON object, never with exception details.</summary>
internal static class HealthResponseWriter
{
    /// <summary>Writes the overall status alone: <c>{"status":"Healthy"}</c>.</summary>
    public static Task WriteStatusAsync(HttpContext context, HealthReport report) => WriteAsync(context, report, details: false);

    /// <summary>Writes the overall status and one entry per check with its description (counts of tools and unfinished calls).</summary>
    public static Task WriteDetailedAsync(HttpContext context, HealthReport report) => WriteAsync(context, report, details: true);

    private static async Task WriteAsync(HttpContext context, HealthReport report, bool details)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var json = new Utf8JsonWriter(context.Response.Body);
        await using var disposeJson = json.ConfigureAwait(false);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        if (details)
        {
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                if (entry.Description is not null)
                {
                    json.WriteString("description", entry.Description);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
