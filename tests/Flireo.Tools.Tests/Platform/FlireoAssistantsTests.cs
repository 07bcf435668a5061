using System.Net;
using System.Text.Json.Nodes;
using Flireo.Tools.Platform;
using Flireo.Tools.Testing.Platform;

namespace Flireo.Tools.Tests.Platform;

public class FlireoAssistantsTests
{
    private static JsonObject Reception() => new()
    {
        ["name"] = "Reception",
        ["llm_config"] = new JsonObject
        {
            ["provider"] = "openai",
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "You are the host." }),
            ["tools"] = new JsonArray(new JsonObject { ["type"] = "end_call" }),
        },
    };

    [Fact]
    public async Task GetAsync_ReturnsTheAssistantObject()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        var id = harness.Platform.AddAssistant(Reception());

        var assistant = await harness.Assistants.GetAsync(id);

        assistant["id"]!.GetValue<string>().Should().Be(id);
        assistant["llm_config"]!["model"]!.GetValue<string>().Should().Be("gpt-4o");
        var request = harness.Platform.Requests.Should().ContainSingle().Subject;
        (request.Method, request.Path, request.Authorization).Should().Be(("GET", "/assistants/" + id, "Bearer " + FakeFlireoPlatform.DefaultApiKey));
    }

    [Fact]
    public async Task UpdateAsync_SendsTheFieldsInSnakeCase_AndReturnsTheStoredAssistant()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        var id = harness.Platform.AddAssistant(Reception());

        var updated = await harness.Assistants.UpdateAsync(id, new JsonObject { ["webhook_url"] = "https://tools.example.com/flireo", ["webhook_events"] = new JsonArray("tool-calls") });

        updated["webhook_url"]!.GetValue<string>().Should().Be("https://tools.example.com/flireo");
        updated["llm_config"]!["provider"]!.GetValue<string>().Should().Be("openai", "fields not sent are kept");
        var request = harness.Platform.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("PATCH");
        request.Body.Should().Be("""{"webhook_url":"https://tools.example.com/flireo","webhook_events":["tool-calls"]}""");
        harness.Platform.GetAssistant(id)!["webhook_events"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("tool-calls");
    }

    [Fact]
    public async Task UpdateAsync_Invalid_Throws422WithTheDetails_AndNothingChanges()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        var id = harness.Platform.AddAssistant(Reception());

        var act = () => harness.Assistants.UpdateAsync(id, new JsonObject { ["llm_config"] = new JsonObject { ["model"] = "gpt-4o" }, ["webhookUrl"] = "x" });

        var thrown = (await act.Should().ThrowAsync<FlireoApiException>()).Which;
        thrown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        thrown.Message.Should().Contain($"Updating assistant {id} failed").And.Contain("invalid (422)")
            .And.Contain("llm_config.provider is required").And.Contain("'webhookUrl' is not an assistant field");
        harness.Platform.GetAssistant(id)!["llm_config"]!["provider"]!.GetValue<string>().Should().Be("openai");
    }

    [Theory]
    [InlineData(401, "the API key was refused (401 Unauthorized)")]
    [InlineData(403, "not allowed to do this (403 Forbidden)")]
    [InlineData(404, "not found (404)")]
    [InlineData(409, "conflict (409)")]
    [InlineData(422, "rejected the data as invalid (422)")]
    [InlineData(429, "rate limited (429)")]
    public async Task GetAsync_Refused_ThrowsNamingTheCause_WithoutTheKey(int status, string cause)
    {
        await using var harness = await PlatformClientHarness.StartAsync(platformOptions: o => o.ApiKey = "sk-live-0123456789-secret");
        var id = harness.Platform.AddAssistant(Reception());
        harness.Platform.FailNext(new PlatformFault(status, status == 429 ? TimeSpan.FromMinutes(5) : null));

        var act = () => harness.Assistants.GetAsync(id);

        var thrown = (await act.Should().ThrowAsync<FlireoApiException>()).Which;
        thrown.Message.Should().Contain(cause).And.NotContain("sk-live-0123456789-secret");
        ((int)thrown.StatusCode!).Should().Be(status);
        harness.Logs.Lines.Should().NotContain(l => l.Message.Contains("sk-live-0123456789-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAsync_ServerErrors_AreRetriedOnceEach_ThroughOneSharedPipeline()
    {
        await using var harness = await PlatformClientHarness.StartAsync(api => api.MaxRetries = 2);
        var id = harness.Platform.AddAssistant(Reception());
        harness.Platform.FailNext(new PlatformFault(503), count: 10);

        var act = () => harness.Assistants.GetAsync(id);

        (await act.Should().ThrowAsync<FlireoApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        harness.Platform.Requests.Should().HaveCount(3, "one attempt and two retries: the pipeline is registered once, not once per typed client");
    }

    [Fact]
    public async Task ToolTemplates_CreateListUpdate_UseTheSdkShapes()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        var templates = harness.ToolTemplates;

        var created = await templates.CreateAsync(new JsonObject
        {
            ["name"] = "lookup",
            ["tool_type"] = "function",
            ["tool_config"] = new JsonObject { ["name"] = "lookup", ["description"] = "Looks up.", ["parameters"] = new JsonObject { ["type"] = "object" } },
        });
        var id = created["id"]!.GetValue<string>();
        var updated = await templates.UpdateAsync(id, new JsonObject { ["description"] = "Customer lookup" });
        var listed = await templates.ListAsync();

        updated["description"]!.GetValue<string>().Should().Be("Customer lookup");
        listed.Should().ContainSingle().Which["tool_config"]!["name"]!.GetValue<string>().Should().Be("lookup");
        harness.Platform.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}").Should().Equal(
            "POST /tool-templates 201", $"PATCH /tool-templates/{id} 200", "GET /tool-templates 200");
    }

    [Fact]
    public async Task ToolTemplates_CreateWithATakenName_Throws409()
    {
        await using var harness = await PlatformClientHarness.StartAsync();
        harness.Platform.AddToolTemplate(new JsonObject { ["name"] = "lookup", ["tool_type"] = "end_call", ["tool_config"] = new JsonObject() });

        var act = () => harness.ToolTemplates.CreateAsync(new JsonObject { ["name"] = "lookup", ["tool_type"] = "end_call", ["tool_config"] = new JsonObject() });

        (await act.Should().ThrowAsync<FlireoApiException>()).Which.Message.Should().Contain("conflict (409)").And.Contain("already exists");
    }
}
