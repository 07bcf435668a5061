using System.Text;
using System.Text.Json;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>Builds tool-calls webhooks for tests.</summary>
internal static class TestWebhooks
{
    public static WebhookMessage ToolCall(string id, string name, object arguments)
    {
        var json = JsonSerializer.Serialize(new
        {
            message = new
            {
                type = "tool-calls",
                call = new { id = "call-1", type = "inboundPhoneCall", status = "in-progress" },
                customer = new { number = "+31612345678" },
                toolCallList = new[] { new { id, type = "function", function = new { name, arguments } } },
            },
        });
        if (!WebhookMessage.TryParse(Encoding.UTF8.GetBytes(json), out var message, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return message;
    }
}
