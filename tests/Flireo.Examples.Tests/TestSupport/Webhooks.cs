using System.Text;
using System.Text.Json;
using Flireo.Tools.Protocol;

namespace Flireo.Examples.Tests.TestSupport;

/// <summary>Builds tool-calls webhooks as Flireo sends them (snake_case, the current generation).</summary>
internal static class Webhooks
{
    public const string AnnasNumber = "+31612345678";

    public static WebhookMessage ToolCall(string id, string tool, object? arguments, string? customerNumber = AnnasNumber)
    {
        var body = new
        {
            message = new Dictionary<string, object?>
            {
                ["type"] = "tool-calls",
                ["call"] = new { id = "call-" + id, type = "inbound_phone_call", status = "in-progress" },
                ["phone_number"] = new { number = "+31850000000", name = "Restaurant line" },
                ["customer"] = new { number = customerNumber },
                ["tool_call_list"] = new[]
                {
                    new { id, type = "function", function = new { name = tool, arguments } },
                },
            },
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(body);
        return WebhookMessage.TryParse(json, out var message, out var error)
            ? message
            : throw new InvalidOperationException($"Invalid test webhook: {error} {Encoding.UTF8.GetString(json)}");
    }
}
