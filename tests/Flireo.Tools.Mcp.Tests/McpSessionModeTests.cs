using System.Text.Json.Nodes;
using Flireo.Tools.Mcp.Tests.TestSupport;

namespace Flireo.Tools.Mcp.Tests;

/// <summary>Clients with the <c>initialize</c> handshake get a session; the newest protocol revision and <c>Flireo:Mcp:Stateless</c> serve per request.</summary>
public sealed class McpSessionModeTests
{
    [Fact]
    public async Task CallTool_ClientOfTheSessionlessRevision_IsServedPerRequestAndTheToolSeesItsRequestId()
    {
        await using var host = await McpTestHost.StartAsync();
        await using var client = await host.ConnectAsync(protocolVersion: null);

        var whoami = JsonNode.Parse(McpResults.Text(await client.CallToolAsync("whoami", new Dictionary<string, object?>())))!;
        var greeting = await client.CallToolAsync("greet", new Dictionary<string, object?> { ["name"] = "Ada" });

        client.NegotiatedProtocolVersion.Should().Be("2026-07-28", "the SDK client's default revision has no sessions");
        McpResults.Text(greeting).Should().Be("Hello, Ada!");
        whoami["requestId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        whoami["sessionId"].Should().BeNull();
    }

    [Fact]
    public async Task CallTool_StatelessServer_ServesInitializeClientsWithoutSession()
    {
        var settings = new Dictionary<string, string?> { ["Flireo:Mcp:BearerToken"] = McpTestHost.Token, ["Flireo:Mcp:Stateless"] = "true" };
        await using var host = await McpTestHost.StartAsync(settings: settings);
        await using var client = await host.ConnectAsync();

        var whoami = JsonNode.Parse(McpResults.Text(await client.CallToolAsync("whoami", new Dictionary<string, object?>())))!;

        client.SessionId.Should().BeNull();
        whoami["sessionId"].Should().BeNull();
        whoami["requestId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }
}
