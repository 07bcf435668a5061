using System.Text.Json.Nodes;
using Flireo.Tools.Cli.Tests.TestSupport;
using Flireo.Tools.Testing.Platform;

namespace Flireo.Tools.Cli.Tests.Commands;

public class PushCommandTests
{
    internal const string Key = "sk-live-7f3a9c-never-print-me";
    internal const string BaseUrl = "https://tools.example.com";

    /// <summary>An assistant as the platform holds it: llm_config with provider, model, messages and temperature, and the given tools.</summary>
    internal static JsonObject Assistant(params JsonNode[] tools) => new()
    {
        ["name"] = "Reception",
        ["is_active"] = true,
        ["stt_config"] = new JsonObject { ["provider"] = "deepgram", ["model"] = "nova-3", ["language"] = "nl" },
        ["llm_config"] = new JsonObject
        {
            ["provider"] = "openai",
            ["model"] = "gpt-4o",
            ["temperature"] = 0.4,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "You are the host of De Gouden Lepel." }),
            ["tools"] = new JsonArray(tools),
        },
    };

    internal static JsonObject Webhook(string name, string? url, string description = "Someone else's tool.") => url is null
        ? new JsonObject { ["name"] = name, ["description"] = description, ["parameters"] = new JsonObject { ["type"] = "object" } }
        : new JsonObject { ["name"] = name, ["description"] = description, ["url"] = url, ["parameters"] = new JsonObject { ["type"] = "object" } };

    internal static async Task<CliRun> RunAsync(FakeFlireoPlatform platform, params string[] args)
    {
        var harness = new CliHarness();
        harness.Variables["FLIREO_API_KEY"] = platform.ApiKey;
        return await harness.RunWithAsync([.. args, "--assembly", TestPlugins.DeployTools, "--api-url", platform.BaseUrl.ToString()]);
    }

    internal static Task<FakeFlireoPlatform> StartPlatformAsync() => FakeFlireoPlatform.StartAsync(o => o.ApiKey = Key);

    private static List<string?> ToolNames(JsonObject assistant) =>
        [.. assistant["llm_config"]!["tools"]!.AsArray().Select(static t => t!["name"]?.GetValue<string>() ?? t["mcp_server_id"]?.GetValue<string>() ?? t["type"]?.GetValue<string>())];

    [Fact]
    public async Task Push_EmptyAssistant_AddsToolsAndBuiltIns_AndKeepsTheRestOfLlmConfig()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant());

        var run = await RunAsync(platform, "push", "--assistant", id, "--base-url", BaseUrl);

        run.ExitCode.Should().Be(0, run.ToString());
        var assistant = platform.GetAssistant(id)!;
        ToolNames(assistant).Should().Equal("book_table", "get_opening_hours", "end_call", "transfer_call");
        var llm = assistant["llm_config"]!;
        (llm["provider"]!.GetValue<string>(), llm["model"]!.GetValue<string>(), llm["temperature"]!.GetValue<double>()).Should().Be(("openai", "gpt-4o", 0.4));
        llm["messages"]![0]!["content"]!.GetValue<string>().Should().Be("You are the host of De Gouden Lepel.");
        var book = llm["tools"]![0]!;
        book["url"]!.GetValue<string>().Should().Be("https://tools.example.com/flireo");
        book["message"]!.GetValue<string>().Should().Be("Booking that for you.");
        book["parameters"]!["properties"]!["guests"]!["maximum"]!.GetValue<int>().Should().Be(12);
        var destinations = llm["tools"]![3]!["destinations"]!.AsArray();
        (destinations[0]!["number"]!.GetValue<string>(), destinations[0]!["message"]!.GetValue<string>()).Should().Be(("+31850000001", "I'll put you through to the front desk."));
        destinations[1]!["sip_uri"]!.GetValue<string>().Should().Be("sip:kitchen@pbx.example.com");
        run.Out.Should().Contain("  + book_table ").And.Contain("  + end_call ").And.Contain($"Updated assistant {id}: llm_config");
        platform.Requests.Select(r => r.Method).Should().Equal("GET", "PATCH");
    }

    [Fact]
    public async Task Push_KeepsToolsItDoesNotManageInTheirPlace_AndReplacesManagedOnes()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant(
            new JsonObject { ["type"] = "mcp", ["mcp_server_id"] = "mcp-crm", ["allowed_tools"] = new JsonArray("find_customer") },
            Webhook("crm_lookup", "https://crm.example.com/hook"),
            Webhook("book_table", "https://tools.example.com/flireo", "Books a table (old text)."),
            new JsonObject { ["type"] = "endCall" },
            Webhook("old_special", "https://tools.example.com/flireo"),
            Webhook("faq", null)));

        var run = await RunAsync(platform, "push", "--assistant", id, "--base-url", BaseUrl);

        run.ExitCode.Should().Be(0, run.ToString());
        var assistant = platform.GetAssistant(id)!;
        ToolNames(assistant).Should().Equal("mcp-crm", "crm_lookup", "book_table", "endCall", "old_special", "faq", "get_opening_hours", "transfer_call");
        var tools = assistant["llm_config"]!["tools"]!.AsArray();
        tools[0]!["allowed_tools"]![0]!.GetValue<string>().Should().Be("find_customer");
        tools[1]!["url"]!.GetValue<string>().Should().Be("https://crm.example.com/hook");
        tools[2]!["description"]!.GetValue<string>().Should().Be("Books a table.");
        run.Out.Should().Contain("  ~ book_table").And.Contain("description: \"Books a table (old text).\" → \"Books a table.\"")
            .And.Contain("  . crm_lookup").And.Contain("  . mcp mcp-crm").And.Contain("  = end_call").And.Contain("  ! old_special")
            .And.Contain("--prune removes it").And.Contain("  + get_opening_hours");
    }

    [Fact]
    public async Task Push_Prune_RemovesManagedToolsNoLongerInTheCode_ButNeverOthers()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant(
            Webhook("crm_lookup", "https://crm.example.com/hook"),
            Webhook("old_special", "https://tools.example.com/flireo/tools/old_special"),
            Webhook("faq", null),
            Webhook("lookalike", "https://tools.example.com.evil.example/flireo"),
            new JsonObject { ["type"] = "mcp", ["mcp_server_id"] = "mcp-crm" }));

        var run = await RunAsync(platform, "push", "--assistant", id, "--base-url", BaseUrl, "--prune");

        run.ExitCode.Should().Be(0, run.ToString());
        ToolNames(platform.GetAssistant(id)!).Should().Equal("crm_lookup", "faq", "lookalike", "mcp-crm", "book_table", "get_opening_hours", "end_call", "transfer_call");
        run.Out.Should().Contain("  - old_special").And.Contain("no longer in the code, --prune");
    }

    [Fact]
    public async Task Push_DryRun_PrintsTheDiffAndSendsNothing()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant(Webhook("old_special", "https://tools.example.com/flireo")));
        var before = platform.GetAssistant(id)!.ToJsonString();

        var run = await RunAsync(platform, "push", "--assistant", id, "--base-url", BaseUrl, "--prune", "--dry-run", "--templates", "--webhook-url", "https://tools.example.com/flireo");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("  + book_table").And.Contain("  - old_special").And.Contain("webhook_url: (none) → \"https://tools.example.com/flireo\"")
            .And.Contain("Tool templates:").And.Contain("Dry run: nothing was sent.");
        platform.Requests.Select(r => r.Method).Should().OnlyContain(m => m == "GET");
        platform.GetAssistant(id)!.ToJsonString().Should().Be(before);
        platform.ToolTemplates.Should().BeEmpty();
    }

    [Fact]
    public async Task Push_WebhookSettings_SetsUrlAndEvents()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant());

        var run = await RunAsync(platform, "push", "--assistant", id, "--webhook-url", "https://tools.example.com/flireo", "--webhook-events", "tool-calls, status-update,end-of-call-report");

        run.ExitCode.Should().Be(0, run.ToString());
        var assistant = platform.GetAssistant(id)!;
        assistant["webhook_url"]!.GetValue<string>().Should().Be("https://tools.example.com/flireo");
        assistant["webhook_events"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("tool-calls", "status-update", "end-of-call-report");
        run.Out.Should().Contain("  ~ webhook_events: (none) → [\"tool-calls\",\"status-update\",\"end-of-call-report\"]").And.Contain("Updated assistant " + id + ": llm_config, webhook_url, webhook_events, analysis_plan.");
    }

    [Fact]
    public async Task Push_UnknownWebhookEvent_IsAUsageError()
    {
        await using var platform = await StartPlatformAsync();

        var run = await RunAsync(platform, "push", "--assistant", "a1", "--webhook-events", "tool-calls,call-ended");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("'call-ended' is not a webhook event");
        platform.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Push_AnalysisHandler_WritesItsTypesSchemaAndKeepsThePrompt()
    {
        await using var platform = await StartPlatformAsync();
        var assistant = Assistant();
        assistant["analysis_plan"] = new JsonObject
        {
            ["min_messages_threshold"] = 3,
            ["structured_data_plan"] = new JsonObject
            {
                ["enabled"] = false,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "Extract {{schema}} from {{transcript}}." }),
            },
        };
        var id = platform.AddAssistant(assistant);

        var run = await RunAsync(platform, "push", "--assistant", id);

        run.ExitCode.Should().Be(0, run.ToString());
        var plan = platform.GetAssistant(id)!["analysis_plan"]!;
        plan["min_messages_threshold"]!.GetValue<int>().Should().Be(3);
        var structured = plan["structured_data_plan"]!;
        structured["enabled"]!.GetValue<bool>().Should().BeTrue();
        structured["messages"]![0]!["content"]!.GetValue<string>().Should().Be("Extract {{schema}} from {{transcript}}.");
        structured["schema"]!.ToJsonString().Should().Be(
            """{"type":"object","properties":{"booked":{"type":"boolean","description":"Whether a table was booked"},"guests":{"type":["integer","null"],"description":"How many guests, when booked"},"reason":{"type":"string","description":"Why the caller called, in a few words"}},"required":["booked","guests","reason"],"additionalProperties":false}""");
        run.Out.Should().Contain("  ~ analysis_plan").And.Contain("analysis_plan.structured_data_plan.enabled: false → true");
    }

    [Fact]
    public async Task Push_Templates_UpsertsOnePerToolByName_AndLeavesOthers()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant());
        platform.AddToolTemplate(new JsonObject
        {
            ["name"] = "book_table",
            ["description"] = "Old",
            ["tool_type"] = "function",
            ["tool_config"] = new JsonObject { ["name"] = "book_table", ["description"] = "Old" },
        });
        platform.AddToolTemplate(new JsonObject { ["name"] = "crm", ["tool_type"] = "end_call", ["tool_config"] = new JsonObject() });

        var run = await RunAsync(platform, "push", "--assistant", id, "--base-url", BaseUrl, "--templates");

        run.ExitCode.Should().Be(0, run.ToString());
        var templates = platform.ToolTemplates;
        templates.Select(t => t["name"]!.GetValue<string>()).Should().Equal("book_table", "crm", "get_opening_hours", "end_call", "transfer_call");
        templates[0]["tool_config"]!["description"]!.GetValue<string>().Should().Be("Books a table.");
        templates[0]["tool_config"]!["url"]!.GetValue<string>().Should().Be("https://tools.example.com/flireo");
        templates[1]["tool_type"]!.GetValue<string>().Should().Be("end_call", "a template of another name is never touched");
        templates[4]["tool_config"]!["destinations"]!.AsArray().Should().HaveCount(2);
        run.Out.Should().Contain("Tool templates: 3 created, 1 updated.");

        var again = await RunAsync(platform, "diff", "--assistant", id, "--base-url", BaseUrl, "--templates");

        again.ExitCode.Should().Be(0, again.ToString());
    }

    [Fact]
    public async Task Push_FailedPatch_ChangesNothing_AndSendsNoTemplates()
    {
        await using var platform = await StartPlatformAsync();
        var broken = Assistant();
        broken["llm_config"]!.AsObject().Remove("provider");
        var id = platform.AddAssistant(broken);
        var before = platform.GetAssistant(id)!.ToJsonString();

        var run = await RunAsync(platform, "push", "--assistant", id, "--templates");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Trim().Split('\n').Should().ContainSingle();
        run.Error.Should().Contain($"error: Updating assistant {id} failed: the platform rejected the data as invalid (422)").And.Contain("llm_config.provider is required");
        platform.GetAssistant(id)!.ToJsonString().Should().Be(before);
        platform.ToolTemplates.Should().BeEmpty();
        platform.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal($"GET /assistants/{id}", "GET /tool-templates", $"PATCH /assistants/{id}");
    }

    [Theory]
    [InlineData(403, "the API key is not allowed to do this (403 Forbidden)")]
    [InlineData(409, "conflict (409)")]
    [InlineData(422, "the platform rejected the data as invalid (422)")]
    [InlineData(429, "rate limited (429): too many requests for this API key; retry after 300 s")]
    public async Task Push_PlatformRefuses_OneLineNamingTheCause_Exit2_WithoutTheKey(int status, string cause)
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant());
        platform.FailNext(new PlatformFault(status, status == 429 ? TimeSpan.FromMinutes(5) : null), count: 10);

        var run = await RunAsync(platform, "push", "--assistant", id, "--verbose");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Split('\n')[0].Should().StartWith($"error: Reading assistant {id} failed: {cause}");
        (run.Out + run.Error).Should().NotContain(Key);
        platform.GetAssistant(id)!["llm_config"]!["tools"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Push_WrongKey_Is401NamingTheKeyOptions_WithoutEitherKey()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant());
        var harness = new CliHarness();
        harness.Variables["FLIREO_API_KEY"] = "sk-live-wrong-key-also-secret";

        var run = await harness.RunWithAsync("push", "--assistant", id, "--assembly", TestPlugins.DeployTools, "--api-url", platform.BaseUrl.ToString(), "--verbose");

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith($"error: Reading assistant {id} failed: the API key was refused (401 Unauthorized): Unauthorized: Invalid or missing API key. Check --api-key or FLIREO_API_KEY.");
        (run.Out + run.Error).Should().NotContain("sk-live-wrong-key-also-secret").And.NotContain(Key);
    }

    [Fact]
    public async Task Push_UnknownAssistant_Is404NamingTheOption()
    {
        await using var platform = await StartPlatformAsync();

        var run = await RunAsync(platform, "push", "--assistant", "no-such-assistant", "--api-key", Key);

        run.ExitCode.Should().Be(2);
        run.Error.Trim().Should().Be("error: Reading assistant no-such-assistant failed: not found (404); check the id and that the key belongs to the right organisation: Not found: Assistant not found. Check --assistant (the id from the dashboard or GET /assistants).");
        (run.Out + run.Error).Should().NotContain(Key);
    }

    [Fact]
    public async Task Push_NoKey_IsAnErrorNamingTheVariable()
    {
        var run = await CliHarness.RunAsync("push", "--assistant", "a1", "--assembly", TestPlugins.DeployTools);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--api-key").And.Contain("FLIREO_API_KEY");
    }

    [Fact]
    public async Task Push_Successful_NeverPrintsTheKey()
    {
        await using var platform = await StartPlatformAsync();
        var id = platform.AddAssistant(Assistant());

        var run = await RunAsync(platform, "push", "--assistant", id, "--base-url", BaseUrl, "--templates", "--webhook-url", BaseUrl + "/flireo", "--verbose");

        run.ExitCode.Should().Be(0, run.ToString());
        (run.Out + run.Error).Should().NotContain(Key);
        platform.Requests.Should().OnlyContain(r => r.Authorization == "Bearer " + Key);
    }

    [Fact]
    public async Task Export_IncludesTheDeclaredBuiltIns()
    {
        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.DeployTools);

        run.ExitCode.Should().Be(0, run.ToString());
        var items = JsonNode.Parse(run.Out)!.AsArray();
        items.Select(i => i!["name"]?.GetValue<string>() ?? i["type"]!.GetValue<string>()).Should().Equal("book_table", "get_opening_hours", "end_call", "transfer_call");
        run.Out.Should().Contain("\"number\": \"+31850000001\"").And.EndWith("]\n");
    }
}
