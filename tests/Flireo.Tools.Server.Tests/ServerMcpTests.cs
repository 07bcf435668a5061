using System.Net;
using System.Text;
using Flireo.Tools.Server.Tests.TestSupport;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Flireo.Tools.Server.Tests;

/// <summary>With <c>Flireo:Mcp:Enabled=true</c> the real server also serves its plugins' tools over MCP on <c>/mcp</c>.</summary>
public sealed class ServerMcpTests
{
    private const string Token = "server-mcp-token-51d2";

    [Fact]
    public async Task Start_McpEnabled_ServesThePluginToolsOverMcpOnSlashMcpBehindTheBearerToken()
    {
        var plugins = await TestPlugins.GetAsync();
        await using var server = ServerProcess.Start(
            ["--tools", plugins.Greetings],
            new Dictionary<string, string?>
            {
                ["Flireo__WebhookSecret"] = "test-secret-mcp",
                ["Flireo__Mcp__Enabled"] = "true",
                ["Flireo__Mcp__BearerToken"] = Token,
                ["Greetings__Salutation"] = "Howdy",
            });
        await server.WaitUntilStartedAsync();
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(server.BaseAddress, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {Token}" },
            },
            loggerFactory: null);
        using var unauthenticated = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = "2025-11-25" }, loggerFactory: null);
        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("greet", new Dictionary<string, object?> { ["name"] = "Ada" });
        using var refused = await server.Client.SendAsync(unauthenticated);

        tools.Select(t => t.Name).Should().Contain(["greet", "count_in_words"]);
        result.IsError.Should().NotBe(true);
        result.Content.Should().ContainSingle().Which.Should().BeOfType<TextContentBlock>().Which.Text.Should().Be("Howdy, Ada", "the plugin's own service answers, as over the webhook");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
