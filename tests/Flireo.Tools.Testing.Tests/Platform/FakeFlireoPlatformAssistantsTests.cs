using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Flireo.Tools.Testing.Platform;

namespace Flireo.Tools.Testing.Tests.Platform;

public class FakeFlireoPlatformAssistantsTests
{
    private static JsonObject Assistant() => new()
    {
        ["id"] = "asst_1",
        ["name"] = "Reception",
        ["llm_config"] = new JsonObject { ["provider"] = "openai", ["model"] = "gpt-4o", ["tools"] = new JsonArray() },
    };

    [Fact]
    public async Task Assistant_GetAndList_AnswerTheSdkShapes()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        platform.AddAssistant(Assistant());
        using var http = new HttpClient();

        var one = JsonNode.Parse(await SendAsync(http, platform, HttpMethod.Get, "/assistants/asst_1", null, HttpStatusCode.OK))!;
        var all = JsonNode.Parse(await SendAsync(http, platform, HttpMethod.Get, "/assistants", null, HttpStatusCode.OK))!;

        one["assistant"]!["name"]!.GetValue<string>().Should().Be("Reception");
        one["assistant"]!["created_at"].Should().NotBeNull();
        all["assistants"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Assistant_UnknownId_Answers404()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        using var http = new HttpClient();

        await SendAsync(http, platform, HttpMethod.Get, "/assistants/missing", null, HttpStatusCode.NotFound);
        await SendAsync(http, platform, HttpMethod.Patch, "/assistants/missing", "{}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_ReplacesEachTopLevelFieldSent()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        platform.AddAssistant(Assistant());
        using var http = new HttpClient();

        await SendAsync(http, platform, HttpMethod.Patch, "/assistants/asst_1", """{"llm_config":{"provider":"xai","model":"grok-4"},"webhook_url":"https://tools.example.com/flireo"}""", HttpStatusCode.OK);

        var stored = platform.GetAssistant("asst_1")!;
        stored["llm_config"]!.ToJsonString().Should().Be("""{"provider":"xai","model":"grok-4"}""", "a field sent replaces the stored one as a whole");
        stored["webhook_url"]!.GetValue<string>().Should().Be("https://tools.example.com/flireo");
        stored["name"]!.GetValue<string>().Should().Be("Reception");
    }

    [Theory]
    [InlineData("""{"webhookUrl":"https://x.example"}""", "'webhookUrl' is not an assistant field")]
    [InlineData("""{"llm_config":{"model":"gpt-4o"}}""", "llm_config.provider is required")]
    [InlineData("""{"llm_config":{"provider":"openai","model":"gpt-4o","tools":[{"name":"a","description":"A"},{"name":"a","description":"B"}]}}""", "the tool name 'a' is used twice")]
    [InlineData("""{"llm_config":{"provider":"openai","model":"gpt-4o","tools":[{"type":"transfer_call","destinations":[{"type":"number","number":"0612345678","description":"x"}]}]}}""", "E.164")]
    [InlineData("""{"webhook_events":["tool-calls","call-ended"]}""", "is not an event")]
    [InlineData("""{"analysis_plan":{"structured_data_plan":{"schema":{}}}}""", "needs enabled")]
    public async Task Patch_Invalid_Answers422WithDetails_AndChangesNothing(string body, string detail)
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        platform.AddAssistant(Assistant());
        var before = platform.GetAssistant("asst_1")!.ToJsonString();
        using var http = new HttpClient();

        var answer = await SendAsync(http, platform, HttpMethod.Patch, "/assistants/asst_1", body, HttpStatusCode.UnprocessableEntity);

        JsonNode.Parse(answer)!["details"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Contain(d => d.Contains(detail, StringComparison.Ordinal));
        platform.GetAssistant("asst_1")!.ToJsonString().Should().Be(before);
    }

    [Fact]
    public async Task ToolTemplates_CreateGetPatchDelete_AndATakenNameIs409()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        using var http = new HttpClient();
        const string Template = """{"name":"lookup","tool_type":"function","tool_config":{"name":"lookup","description":"Looks up."}}""";

        var created = JsonNode.Parse(await SendAsync(http, platform, HttpMethod.Post, "/tool-templates", Template, HttpStatusCode.Created))!["tool_template"]!;
        var id = created["id"]!.GetValue<string>();
        await SendAsync(http, platform, HttpMethod.Post, "/tool-templates", Template, HttpStatusCode.Conflict);
        await SendAsync(http, platform, HttpMethod.Patch, "/tool-templates/" + id, """{"description":"Customer lookup"}""", HttpStatusCode.OK);
        var read = JsonNode.Parse(await SendAsync(http, platform, HttpMethod.Get, "/tool-templates/" + id, null, HttpStatusCode.OK))!["tool_template"]!;
        await SendAsync(http, platform, HttpMethod.Delete, "/tool-templates/" + id, null, HttpStatusCode.OK);

        read["description"]!.GetValue<string>().Should().Be("Customer lookup");
        read["org_id"].Should().NotBeNull();
        platform.ToolTemplates.Should().BeEmpty();
        await SendAsync(http, platform, HttpMethod.Post, "/tool-templates", """{"name":"x","tool_type":"webhook","tool_config":{}}""", HttpStatusCode.UnprocessableEntity);
    }

    private static async Task<string> SendAsync(HttpClient http, FakeFlireoPlatform platform, HttpMethod method, string path, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(platform.BaseUrl + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.ApiKey);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return text;
    }
}
