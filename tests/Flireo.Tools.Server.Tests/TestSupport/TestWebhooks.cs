using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Server.Tests.TestSupport;

/// <summary>Builds and signs tool-calls webhooks the way Flireo sends them, independently of the product code.</summary>
internal static class TestWebhooks
{
    public static string ToolCalls(bool snakeCase, params (string Id, string Name, object Arguments)[] calls)
    {
        var list = new JsonArray();
        foreach (var (id, name, arguments) in calls)
        {
            list.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = JsonSerializer.SerializeToNode(arguments) },
            });
        }

        var message = new JsonObject
        {
            ["type"] = "tool-calls",
            ["timestamp"] = "2026-01-15T12:00:00.000Z",
            ["call"] = new JsonObject { ["id"] = "call-" + Guid.NewGuid().ToString("N"), ["type"] = snakeCase ? "inbound_phone_call" : "inboundPhoneCall", ["status"] = "in-progress" },
            [snakeCase ? "tool_call_list" : "toolCallList"] = list,
        };
        return new JsonObject { ["message"] = message }.ToJsonString();
    }

    public static string Sign(string secret, string timestamp, string body)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return "sha256=" + Convert.ToHexStringLower(hash);
    }

    public static HttpRequestMessage SignedPost(string path, string body, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (secret is not null)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("X-Webhook-Timestamp", timestamp);
            request.Headers.Add("X-Webhook-Signature", Sign(secret, timestamp, body));
        }

        request.Headers.Add("X-Webhook-Event", "tool-calls");
        return request;
    }

    /// <summary>Reads the answer's results array as (id, result, error) in order, for either id casing.</summary>
    public static IReadOnlyList<(string Id, JsonElement? Result, string? Error)> Results(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        var list = new List<(string, JsonElement?, string?)>();
        foreach (var item in json.RootElement.GetProperty("results").EnumerateArray())
        {
            var id = item.TryGetProperty("tool_call_id", out var snake) ? snake.GetString()! : item.GetProperty("toolCallId").GetString()!;
            // An error item carries its text in "error" and, by default, in "result" too: it is an error either way.
            var error = item.TryGetProperty("error", out var e) ? e.GetString() : null;
            JsonElement? result = error is null && item.TryGetProperty("result", out var r) ? r.Clone() : null;
            list.Add((id, result, error));
        }

        return list;
    }
}
