using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Reliability.Tests.Support;

/// <summary>Builds, signs and reads tool-calls webhooks independently of the product code, with the real clock.</summary>
internal static class SignedWebhooks
{
    public static string ToolCalls(string callId, params (string Id, string Name, object? Arguments)[] calls)
    {
        var list = new JsonArray();
        foreach (var (id, name, arguments) in calls)
        {
            list.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonSerializer.SerializeToNode(arguments ?? new { }) },
            });
        }

        var message = new JsonObject
        {
            ["type"] = "tool-calls",
            ["timestamp"] = "2026-01-15T12:00:00.000Z",
            ["call"] = new JsonObject { ["id"] = callId, ["type"] = "inbound_phone_call", ["status"] = "in-progress" },
            ["tool_call_list"] = list,
        };
        return new JsonObject { ["message"] = message }.ToJsonString();
    }

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        byte[] message = [.. prefix, .. body];
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return "sha256=" + Convert.ToHexStringLower(hash);
    }

    public static HttpRequestMessage Post(string path, string body, string secret, DateTimeOffset? now = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add("X-Webhook-Timestamp", timestamp);
        request.Headers.Add("X-Webhook-Signature", Sign(secret, timestamp, bytes));
        return request;
    }

    /// <summary>Sends one signed tool call and returns the HTTP status and that call's result or error.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, JsonElement? Result, string? Error)> CallAsync(HttpClient client, string secret, string tool, object? arguments = null)
    {
        var id = "tc-" + Guid.NewGuid().ToString("N");
        var body = ToolCalls("call-" + id, (id, tool, arguments));
        using var request = Post("/flireo", body, secret);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null, text);
        }

        var (_, result, error) = Results(text)[0];
        return (response.StatusCode, result, error);
    }

    /// <summary>Reads the answer's results as (id, result, error), in order.</summary>
    public static IReadOnlyList<(string Id, JsonElement? Result, string? Error)> Results(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        var list = new List<(string, JsonElement?, string?)>();
        foreach (var item in json.RootElement.GetProperty("results").EnumerateArray())
        {
            var id = item.GetProperty("tool_call_id").GetString()!;
            // An error item carries its text in "error" and, by default, in "result" too: it is an error either way.
            var error = item.TryGetProperty("error", out var e) ? e.GetString() : null;
            JsonElement? result = error is null && item.TryGetProperty("result", out var r) ? r.Clone() : null;
            list.Add((id, result, error));
        }

        return list;
    }
}
