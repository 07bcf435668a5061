using System.Text.Json;
using Flireo.Tools.Mcp.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Mcp.Tests;

/// <summary>Tool-call filters run around MCP calls as around webhook calls: one pipeline for both transports.</summary>
public sealed class McpFilterTests
{
    [Fact]
    public async Task CallTool_FilterSeesTheCall_AndCanAnswerInsteadOfTheTool()
    {
        var seen = new List<string>();
        await using var server = await McpTestHost.StartAsync(tools: b => b.AddFilter(async (context, next) =>
        {
            lock (seen)
            {
                seen.Add($"{context.Tool?.Name}:{context.Call.Id.StartsWith("mcp_", StringComparison.Ordinal)}");
            }

            return context.Tool?.Name == "greet"
                ? ToolCallResult.Success(context.Call.Id, JsonSerializer.SerializeToElement("Greeting is switched off."))
                : await next(context);
        }));
        await using var client = await server.ConnectAsync();

        var greet = await client.CallToolAsync("greet", new Dictionary<string, object?> { ["name"] = "Ada" });
        var add = await client.CallToolAsync("add_guests", new Dictionary<string, object?> { ["adults"] = 2, ["children"] = 1 });

        McpResults.Text(greet).Should().Be("Greeting is switched off.");
        McpResults.Text(add).Should().Be("""{"total":3}""");
        seen.Should().Equal("greet:True", "add_guests:True");
    }
}
