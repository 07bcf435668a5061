using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Tests.Shared;

/// <summary>Builds, signs and reads webhooks the way Flireo sends them, independently of the product code.</summary>
/// <remarks>
/// For apps that do not run under <c>FlireoTestHost</c> (which signs its own requests): a hand-built app, a real server
/// process, an Azure Functions worker. The signature is computed here from the protocol (HMAC-SHA256 of
/// <c>{timestamp}.{body}</c>, hex, <c>sha256=</c> prefix), not with <c>WebhookSignature</c>, so a test of the product's
/// signing cannot pass by agreeing with itself.
/// </remarks>
internal static class SignedWebhooks
{
    public const string TimestampHeader = "X-Webhook-Timestamp";
    public const string SignatureHeader = "X-Webhook-Signature";
    public const string EventHeader = "X-Webhook-Event";

    /// <summary>Formats a time as the webhook timestamp header does: Unix seconds.</summary>
    public static string Timestamp(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Computes the <c>X-Webhook-Signature</c> value Flireo sends for a body.</summary>
    public static string Signature(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        byte[] message = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>Builds a JSON POST signed with <paramref name="secret"/> (unsigned, with only the timestamp, when <see langword="null"/>).</summary>
    /// <param name="path">The request path.</param>
    /// <param name="json">The body.</param>
    /// <param name="secret">The webhook secret, or <see langword="null"/> for no signature.</param>
    /// <param name="now">The time to stamp, by default the real clock's.</param>
    /// <param name="eventType">The <c>X-Webhook-Event</c> header, or <see langword="null"/> for none.</param>
    /// <param name="timestamp">A timestamp header to send instead of <paramref name="now"/>'s, for example a malformed one.</param>
    public static HttpRequestMessage Post(string path, string json, string? secret, DateTimeOffset? now = null, string? eventType = null, string? timestamp = null)
        => Post(path, Encoding.UTF8.GetBytes(json), secret, now, eventType, timestamp);

    /// <summary>Builds a JSON POST of exact bytes signed with <paramref name="secret"/> (unsigned, with only the timestamp, when <see langword="null"/>).</summary>
    /// <param name="path">The request path.</param>
    /// <param name="body">The body, sent as given.</param>
    /// <param name="secret">The webhook secret, or <see langword="null"/> for no signature.</param>
    /// <param name="now">The time to stamp, by default the real clock's.</param>
    /// <param name="eventType">The <c>X-Webhook-Event</c> header, or <see langword="null"/> for none.</param>
    /// <param name="timestamp">A timestamp header to send instead of <paramref name="now"/>'s, for example a malformed one.</param>
    public static HttpRequestMessage Post(string path, byte[] body, string? secret, DateTimeOffset? now = null, string? eventType = null, string? timestamp = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        timestamp ??= Timestamp(now ?? DateTimeOffset.UtcNow);
        request.Headers.Add(TimestampHeader, timestamp);
        if (secret is not null)
        {
            request.Headers.Add(SignatureHeader, Signature(secret, timestamp, body));
        }

        if (eventType is not null)
        {
            request.Headers.Add(EventHeader, eventType);
        }

        return request;
    }

    /// <summary>Builds a snake_case tool-calls webhook body for the call <paramref name="callId"/>.</summary>
    public static string ToolCalls(string callId, params (string Id, string Name, object? Arguments)[] calls) => ToolCalls(callId, snakeCase: true, calls);

    /// <summary>Builds a tool-calls webhook body for a new call, in the snake_case or camelCase shape.</summary>
    public static string ToolCalls(bool snakeCase, params (string Id, string Name, object? Arguments)[] calls)
        => ToolCalls("call-" + Guid.NewGuid().ToString("N"), snakeCase, calls);

    /// <summary>Builds a tool-calls webhook body for one phone call, in the snake_case or camelCase shape.</summary>
    public static string ToolCalls(string callId, bool snakeCase, params (string Id, string Name, object? Arguments)[] calls)
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
            ["call"] = new JsonObject { ["id"] = callId, ["type"] = snakeCase ? "inbound_phone_call" : "inboundPhoneCall", ["status"] = "in-progress" },
            [snakeCase ? "tool_call_list" : "toolCallList"] = list,
        };
        return new JsonObject { ["message"] = message }.ToJsonString();
    }

    /// <summary>Sends one signed tool call to <c>/flireo</c> and returns the HTTP status and that call's result or error.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, JsonElement? Result, string? Error)> CallAsync(HttpClient client, string secret, string tool, object? arguments = null)
    {
        var id = "tc-" + Guid.NewGuid().ToString("N");
        using var request = Post("/flireo", ToolCalls("call-" + id, (id, tool, arguments)), secret);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null, text);
        }

        var (_, result, error) = Results(text)[0];
        return (response.StatusCode, result, error);
    }

    /// <summary>Reads the answer's results as (id, result, error), in order, for either id casing.</summary>
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
