using System.Text;
using System.Text.Json;
using Flireo.Tools.Protocol;
using ModelContextProtocol.Protocol;

namespace Flireo.Tools.Mcp.Tests.TestSupport;

/// <summary>Reads tool call results the way a model would see them, and the webhook's answer for the same call.</summary>
internal static class McpResults
{
    /// <summary>Gets the text of the result's single text block.</summary>
    public static string Text(CallToolResult result) => result.Content.Should().ContainSingle().Which.Should().BeOfType<TextContentBlock>().Which.Text;

    /// <summary>Runs one call through the webhook path (parse a tool-calls body, route it), under a tool call id of its own and returns its outcome.</summary>
    public static async Task<ToolCallResult> ViaWebhookAsync(IServiceProvider services, string tool, object arguments)
    {
        var body = JsonSerializer.Serialize(new
        {
            message = new
            {
                type = "tool-calls",
                tool_call_list = new[] { new { id = "tc_" + Guid.NewGuid().ToString("N"), type = "function", function = new { name = tool, arguments } } },
            },
        });
        WebhookMessage.TryParse(Encoding.UTF8.GetBytes(body), out var message, out var error).Should().BeTrue(error);
        using (message)
        {
            var router = (ToolRouter)services.GetService(typeof(ToolRouter))!;
            var answer = await router.RouteAsync(message!, CancellationToken.None);
            return answer.Results.Should().ContainSingle().Subject;
        }
    }
}
