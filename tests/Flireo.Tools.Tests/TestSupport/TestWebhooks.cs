using System.Text;
using System.Text.Json;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Tests.TestSupport;

/// <summary>Builds tool-calls webhooks for tests.</summary>
internal static class TestWebhooks
{
    public static WebhookMessage ToolCalls(params (string Id, string Name, object? Arguments)[] calls) => ToolCalls("call-1", WebhookCasing.CamelCase, calls);

    public static WebhookMessage ToolCalls(string? callId, WebhookCasing casing, params (string Id, string Name, object? Arguments)[] calls)
    {
        var list = calls.Select(c => new Dictionary<string, object?>
        {
            ["id"] = c.Id,
            ["type"] = "function",
            ["function"] = new Dictionary<string, object?> { ["name"] = c.Name, ["arguments"] = c.Arguments },
        }).ToList();
        var snake = casing == WebhookCasing.SnakeCase;
        var message = new Dictionary<string, object?>
        {
            ["type"] = "tool-calls",
            ["call"] = new Dictionary<string, object?> { ["id"] = callId, ["type"] = snake ? "inbound_phone_call" : "inboundPhoneCall", ["status"] = "in-progress" },
            [snake ? "phone_number" : "phoneNumber"] = new Dictionary<string, object?> { ["number"] = "+31850000000", ["name"] = "Desk" },
            ["customer"] = new Dictionary<string, object?> { ["number"] = "+31612345678" },
            [snake ? "tool_call_list" : "toolCallList"] = list,
        };
        var json = JsonSerializer.Serialize(new Dictionary<string, object?> { ["message"] = message });
        if (!WebhookMessage.TryParse(Encoding.UTF8.GetBytes(json), out var parsed, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return parsed;
    }
}
