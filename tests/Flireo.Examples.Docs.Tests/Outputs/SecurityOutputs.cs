using System.Net.Http.Headers;
using System.Text;
using Flireo.Examples.Docs.GettingStarted;
using Flireo.Examples.Docs.Tests.Support;
using Flireo.Tools.Security;
using Flireo.Tools.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/security.md shows: the status codes of the endpoint and the startup check for a secret.</summary>
internal static class SecurityOutputs
{
    private const string Call = """{"message":{"type":"tool-calls","call":{"id":"call-1"},"tool_call_list":[{"id":"tool-1","type":"function","function":{"name":"get_opening_hours","arguments":{"day":"Friday"}}}]}}""";

    [DocOutput("security-status-codes")]
    public static async Task<string> StatusCodes()
    {
        await using var host = Create();
        await using var small = Create(o => o.Settings["Flireo:MaxRequestBodySize"] = "1024");
        await using var bearer = Create(o => o.Settings["Flireo:BearerToken"] = "gateway-token");
        var table = new MarkdownTable("Status", "When", "Body");

        async Task Row(FlireoTestHost on, string when, HttpRequestMessage request)
        {
            using (request)
            {
                using var response = await on.Client.SendAsync(request);
                table.Add($"{(int)response.StatusCode}", when, MarkdownTable.Code(await response.Content.ReadAsStringAsync()));
            }
        }

        await Row(host, "A valid, signed webhook. Tool errors are results in the body, like this call of a tool that does not exist.", host.CreateRequest(Call.Replace("get_opening_hours", "get_prices", StringComparison.Ordinal)));
        await Row(host, "The body is not JSON (here: cut off).", host.CreateRequest(Call[..40]));
        await Row(host, "The JSON has no `message` object, or a field of the wrong type.", host.CreateRequest("""{"type":"tool-calls"}"""));
        await Row(host, "A signed webhook whose `X-Webhook-Event` header names another type than `message.type` (here `status-update`): the body's type decides, and the mismatch is logged at Debug.", WithHeader(host.CreateRequest(Call), WebhookSignature.EventHeader, "status-update"));
        await Row(host, "The `X-Webhook-Signature` header is missing (or `X-Webhook-Timestamp`).", Without(host.CreateRequest(Call), WebhookSignature.SignatureHeader));
        await Row(host, "The signature was made with another secret, or over other bytes.", WithHeader(host.CreateRequest(Call), WebhookSignature.SignatureHeader, WebhookSignature.Sign("another-secret", Timestamp(host), Encoding.UTF8.GetBytes(Call))));
        var stale = host.CreateRequest(Call);
        host.Time.Advance(TimeSpan.FromMinutes(6));
        await Row(host, "The timestamp is more than `TimestampTolerance` (5 minutes) from the server's clock.", stale);
        await Row(bearer, "`BearerToken` is set and the `Authorization` header does not carry it.", Without(bearer.CreateRequest(Call), "Authorization"));
        await Row(small, "The body is larger than `MaxRequestBodySize` (here 1024 bytes).", small.CreateRequest(Call.Replace("Friday", new string('x', 1100), StringComparison.Ordinal)));
        var text = host.CreateRequest(Call);
        text.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await Row(host, "The content type is not `application/json`.", text);
        return table.ToString();
    }

    [DocOutput("security-no-secret")]
    public static string NoSecret()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Services.AddFlireoTools().AddTools<OpeningHoursTools>();
        var app = builder.Build();
        try
        {
            app.MapFlireoWebhooks("/flireo");
            return "(no error)";
        }
        catch (InvalidOperationException ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    private static FlireoTestHost Create(Action<FlireoTestHostOptions>? configure = null) => FlireoTestHost.Create(
        services => services.AddFlireoTools().AddTools<OpeningHoursTools>(),
        options =>
        {
            options.StartTime = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
            configure?.Invoke(options);
        });

    private static string Timestamp(FlireoTestHost host) => host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.Add(name, value);
        return request;
    }

    private static HttpRequestMessage Without(HttpRequestMessage request, string name)
    {
        request.Headers.Remove(name);
        return request;
    }
}
