using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Definitions;
using Flireo.Tools.Mcp.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Flireo.Tools.Mcp.Tests;

/// <summary>The MCP SDK's own client against a real Kestrel: tools listed as exported, called through the webhook's pipeline.</summary>
public sealed class FlireoMcpEndpointTests(FlireoMcpEndpointTests.RunningHost host) : IClassFixture<FlireoMcpEndpointTests.RunningHost>
{
    [Fact]
    public async Task ListTools_EveryCatalogTool_HasTheExportedNameDescriptionAndNonStrictSchema()
    {
        await using var client = await host.Server.ConnectAsync();
        var exported = ToolDefinitions.Export(host.Server.Services.GetRequiredService<ToolCatalog>().Tools);

        var tools = await client.ListToolsAsync();

        tools.Select(t => t.Name).Should().BeEquivalentTo(exported.Select(d => d!["name"]!.GetValue<string>()));
        foreach (var definition in exported)
        {
            var tool = tools.Single(t => t.Name == definition!["name"]!.GetValue<string>());
            tool.Description.Should().Be(definition!["description"]!.GetValue<string>());
            var schema = JsonNode.Parse(tool.ProtocolTool.InputSchema.GetRawText());
            JsonNode.DeepEquals(schema, definition["parameters"]).Should().BeTrue($"the input schema of {tool.Name} must be the exported one, but it is {schema!.ToJsonString()}");
        }
    }

    [Fact]
    public async Task ListTools_EveryInputSchema_IsAValidMcpObjectSchema()
    {
        await using var client = await host.Server.ConnectAsync();

        var tools = await client.ListToolsAsync();

        tools.Should().NotBeEmpty();
        foreach (var tool in tools)
        {
            var schema = tool.ProtocolTool.InputSchema;
            schema.ValueKind.Should().Be(JsonValueKind.Object, tool.Name);
            schema.GetProperty("type").GetString().Should().Be("object", $"MCP requires the inputSchema of {tool.Name} to be an object schema");
            schema.GetProperty("properties").ValueKind.Should().Be(JsonValueKind.Object, tool.Name);
        }
    }

    [Fact]
    public async Task CallTool_EveryListedTool_AnswersWithItsResult()
    {
        await using var client = await host.Server.ConnectAsync();
        var calls = new Dictionary<string, (Dictionary<string, object?> Arguments, Action<string> Check)>
        {
            ["greet"] = (new() { ["name"] = "Ada" }, text => text.Should().Be("Hello, Ada!")),
            ["add_guests"] = (new() { ["adults"] = 2, ["children"] = 3 }, text => text.Should().Be("""{"total":5}""")),
            ["book_table"] = (new() { ["request"] = new { date = "2026-05-01", guests = 4, seating = "terrace", notes = new[] { "window" } } }, text => text.Should().Be("Booked 4 on 2026-05-01 (Terrace, 1 notes).")),
            ["count_visits"] = (new(), text => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Should().BePositive()),
            ["whoami"] = (new(), text => JsonNode.Parse(text)!["toolCallId"]!.GetValue<string>().Should().StartWith("mcp_")),
            ["send_summary"] = (new() { ["email"] = "ada@example.com" }, text => text.Should().Be(McpTestTools.SummaryAcknowledgement)),
        };

        var tools = await client.ListToolsAsync();

        tools.Select(t => t.Name).Should().BeEquivalentTo(calls.Keys, "every listed tool is called below");
        foreach (var tool in tools)
        {
            var (arguments, check) = calls[tool.Name];
            var result = await client.CallToolAsync(tool.Name, arguments);
            result.IsError.Should().NotBe(true, $"{tool.Name} answered {McpResults.Text(result)}");
            check(McpResults.Text(result));
        }
    }

    [Fact]
    public async Task CallTool_ObjectResult_IsAlsoStructuredContent()
    {
        await using var client = await host.Server.ConnectAsync();

        var result = await client.CallToolAsync("add_guests", new Dictionary<string, object?> { ["adults"] = 4 });

        result.StructuredContent.Should().NotBeNull();
        result.StructuredContent!.Value.GetProperty("total").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task CallTool_InjectedSingletonService_IsTheAppsOwnAcrossCalls()
    {
        await using var client = await host.Server.ConnectAsync();
        var counter = host.Server.Services.GetRequiredService<VisitCounter>();

        var first = int.Parse(McpResults.Text(await client.CallToolAsync("count_visits", new Dictionary<string, object?>())), System.Globalization.CultureInfo.InvariantCulture);
        var second = int.Parse(McpResults.Text(await client.CallToolAsync("count_visits", new Dictionary<string, object?>())), System.Globalization.CultureInfo.InvariantCulture);

        second.Should().BeGreaterThan(first);
        counter.Next().Should().BeGreaterThan(second, "the tool counted on the app's registered singleton");
    }

    [Fact]
    public async Task CallTool_ArgumentOfTheWrongType_IsErrorNamingTheParameterWithTheWebhookText()
    {
        await using var client = await host.Server.ConnectAsync();
        var webhook = await McpResults.ViaWebhookAsync(host.Server.Services, "add_guests", new { adults = "many" });

        var result = await client.CallToolAsync("add_guests", new Dictionary<string, object?> { ["adults"] = "many" });

        result.IsError.Should().BeTrue();
        McpResults.Text(result).Should().Contain("'adults'").And.Contain("add_guests").And.Be(webhook.Error);
    }

    [Fact]
    public async Task CallTool_MissingRequiredArgument_IsErrorNamingTheParameterWithTheWebhookText()
    {
        await using var client = await host.Server.ConnectAsync();
        var webhook = await McpResults.ViaWebhookAsync(host.Server.Services, "greet", new { });

        var result = await client.CallToolAsync("greet", new Dictionary<string, object?>());

        result.IsError.Should().BeTrue();
        McpResults.Text(result).Should().StartWith("Missing required parameter 'name' for tool 'greet'").And.Be(webhook.Error);
    }

    [Fact]
    public async Task CallTool_ValueOutOfRange_IsErrorFromTheValidationWithTheWebhookText()
    {
        await using var client = await host.Server.ConnectAsync();
        var webhook = await McpResults.ViaWebhookAsync(host.Server.Services, "book_table", new { request = new { date = "2026-05-01", guests = 50 } });

        var result = await client.CallToolAsync("book_table", new Dictionary<string, object?> { ["request"] = new { date = "2026-05-01", guests = 50 } });

        result.IsError.Should().BeTrue();
        McpResults.Text(result).Should().StartWith("Parameter 'request.guests' of tool 'book_table' is invalid").And.Be(webhook.Error);
    }

    [Fact]
    public async Task CallTool_UnknownTool_IsErrorListingTheToolsWithTheWebhookText()
    {
        await using var client = await host.Server.ConnectAsync();
        var webhook = await McpResults.ViaWebhookAsync(host.Server.Services, "book_flight", new { });

        var result = await client.CallToolAsync("book_flight", new Dictionary<string, object?>());

        result.IsError.Should().BeTrue();
        McpResults.Text(result).Should().StartWith("Unknown tool 'book_flight'. Available tools: ").And.Be(webhook.Error);
    }

    [Fact]
    public async Task CallTool_AsyncTool_AnswersWithItsMessageAndRunsFromTheQueueWithTheMcpIds()
    {
        await using var client = await host.Server.ConnectAsync();
        var sink = host.Server.Services.GetRequiredService<BackgroundSink>();

        var result = await client.CallToolAsync("send_summary", new Dictionary<string, object?> { ["email"] = "grace@example.com" });
        var (email, context) = await sink.Ran.Task.WaitAsync(TimeSpan.FromSeconds(30));

        result.IsError.Should().NotBe(true);
        McpResults.Text(result).Should().Be(McpTestTools.SummaryAcknowledgement);
        email.Should().Be("grace@example.com");
        context.IsBackground.Should().BeTrue("the call was acknowledged and run from the async queue");
        context.McpSessionId.Should().Be(client.SessionId);
        context.McpRequestId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task CallTool_Context_HasTheMcpSessionIdAndTheRequestIdOfEachCall()
    {
        await using var client = await host.Server.ConnectAsync();

        var first = JsonNode.Parse(McpResults.Text(await client.CallToolAsync("whoami", new Dictionary<string, object?>())))!;
        var second = JsonNode.Parse(McpResults.Text(await client.CallToolAsync("whoami", new Dictionary<string, object?>())))!;

        client.SessionId.Should().NotBeNullOrEmpty("a 2025-11-25 client opens a session with initialize");
        first["sessionId"]!.GetValue<string>().Should().Be(client.SessionId);
        first["requestId"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        second["requestId"]!.GetValue<string>().Should().NotBe(first["requestId"]!.GetValue<string>());
        first["toolCallId"]!.GetValue<string>().Should().NotBe(second["toolCallId"]!.GetValue<string>());
        first["callId"].Should().BeNull("no phone call is behind an MCP call");
        first["background"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task CallTool_FiftyConcurrentCalls_EachAnsweredWithItsOwnResult()
    {
        await using var client = await host.Server.ConnectAsync();

        var calls = Enumerable.Range(0, 50)
            .Select(i => client.CallToolAsync("add_guests", new Dictionary<string, object?> { ["adults"] = (i % 20) + 1, ["children"] = i }).AsTask())
            .ToArray();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        for (var i = 0; i < results.Length; i++)
        {
            results[i].IsError.Should().NotBe(true, McpResults.Text(results[i]));
            McpResults.Text(results[i]).Should().Be($$"""{"total":{{(i % 20) + 1 + i}}}""");
        }
    }

    /// <summary>One host for the tests of this class: Production, with the bearer token.</summary>
    public sealed class RunningHost : IAsyncLifetime
    {
        public McpTestHost Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await McpTestHost.StartAsync();

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
