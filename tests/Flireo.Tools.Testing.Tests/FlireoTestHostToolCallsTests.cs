using System.Net;
using System.Text.Json;
using Flireo.Tools.Protocol;
using Flireo.Tools.Testing.Tests.Support;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Testing.Tests;

public sealed class FlireoTestHostToolCallsTests : IAsyncLifetime
{
    private readonly Probe _probe = new();
    private FlireoTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = SampleHost.Create(_probe);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CallTool_SyncTool_ReturnsTheTypedResult()
    {
        var answer = await _host.CallToolAsync("find_dish", new { name = "Stamppot", course = Course.Starter });

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.IsError.Should().BeFalse();
        answer.ResultAs<Dish>().Should().Be(new Dish("Stamppot", Course.Starter, 12.5m));
        answer.Result!.Value.GetProperty("course").GetString().Should().Be("Starter");
    }

    [Fact]
    public async Task CallTool_Always_SendsTheRealWireFormatAndKeepsTheRawBody()
    {
        var answer = await _host.CallToolAsync("find_dish", new { name = "Soep" });

        answer.ToolName.Should().Be("find_dish");
        answer.Body.Should().StartWith("{\"results\":[{\"tool_call_id\":\"" + answer.ToolCallId + "\",\"result\":{");
        answer.Json!.Value.GetProperty("results")[0].GetProperty("result").GetProperty("name").GetString().Should().Be("Soep");
    }

    [Fact]
    public async Task CallTool_ToolReturnsError_ReturnsTheErrorAndNoResult()
    {
        var answer = await _host.CallToolAsync("closed");

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Error.Should().Be("Sorry, we are closed today.");
        answer.Result.Should().BeNull();
        answer.Invoking(a => a.ResultAs<string>()).Should().Throw<InvalidOperationException>().WithMessage("*'closed'*Sorry, we are closed today.*");
    }

    [Fact]
    public async Task CallTool_InvalidArgument_ReturnsTheValidationErrorNamingTheParameter()
    {
        var answer = await _host.CallToolAsync("find_dish", new { name = "X" });

        answer.Error.Should().StartWith("Parameter 'name' of tool 'find_dish' is invalid");
    }

    [Fact]
    public async Task CallTool_UnknownTool_ReturnsAnErrorNamingIt()
    {
        var answer = await _host.CallToolAsync("order_pizza");

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Error.Should().Contain("order_pizza").And.Contain("find_dish");
    }

    [Fact]
    public async Task CallTool_DefaultCall_GivesTheToolTheTestCallersNumber()
    {
        var caller = (await _host.CallToolAsync("who_is_calling")).ResultAs<Caller>();

        caller.Should().Be(new Caller("+31612345678", "test-call", "inbound_phone_call", null));
    }

    [Fact]
    public async Task CallTool_OwnCall_GivesTheToolThatCall()
    {
        var call = new CallInfo { Id = "c-42", Type = "web_call" };

        var caller = (await _host.CallToolAsync("who_is_calling", call: call)).ResultAs<Caller>();

        caller.Should().Be(new Caller(null, "c-42", "web_call", null));
    }

    [Fact]
    public async Task CallTool_SameToolTwice_RunsItTwiceWithNewToolCallIds()
    {
        var first = await _host.CallToolAsync("count");
        var second = await _host.CallToolAsync("count");

        second.ToolCallId.Should().NotBe(first.ToolCallId);
        first.ResultAs<int>().Should().Be(1);
        second.ResultAs<int>().Should().Be(2);
    }

    [Theory]
    [InlineData("""{"name":"Soep"}""")]
    [InlineData(null)]
    public async Task CallTool_ArgumentsAsJsonTextOrNull_AreSentAsTheArgumentsObject(string? arguments)
    {
        var answer = await _host.CallToolAsync(arguments is null ? "count" : "find_dish", arguments);

        answer.IsError.Should().BeFalse(answer.Error);
    }

    [Fact]
    public async Task CallTool_ArgumentsAsJsonElement_AreSentAsIs()
    {
        using var document = JsonDocument.Parse("""{"name":"Hutspot","course":"Main"}""");

        var dish = (await _host.CallToolAsync("find_dish", document.RootElement)).ResultAs<Dish>();

        dish.Name.Should().Be("Hutspot");
    }

    [Fact]
    public async Task CallTool_ArgumentsStringNotJson_ThrowsArgumentException()
    {
        var call = () => _host.CallToolAsync("find_dish", "name=Soep");

        await call.Should().ThrowAsync<ArgumentException>().WithMessage("*must be JSON text*");
    }

    [Fact]
    public async Task CallTool_AsyncTool_IsAcknowledgedWithItsMessageAndQueued()
    {
        var answer = await _host.CallToolAsync("note_interest", new { product = "wine" });

        answer.ResultAs<string>().Should().Be("Noted.");
        var item = _probe.Queue.Items.Should().ContainSingle().Subject;
        item.ToolCallId.Should().Be(answer.ToolCallId);
        item.ArgumentsJson.Should().Be("""{"product":"wine"}""");
    }

    [Fact]
    public async Task CallTools_SeveralCalls_ReturnsOneOutcomePerCallInRequestOrder()
    {
        var answer = await _host.CallToolsAsync(
            new TestToolCall("find_dish", new { name = "Soep" }),
            new TestToolCall("closed"),
            new TestToolCall("note_interest", new { product = "wine" }) { Id = "mine" });

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.ToolCallIds.Should().HaveCount(3).And.EndWith("mine");
        answer.Results.Select(r => r.ToolCallId).Should().Equal(answer.ToolCallIds);
        answer.Results[0].Result!.Value.GetProperty("name").GetString().Should().Be("Soep");
        answer.Results[1].Error.Should().Be("Sorry, we are closed today.");
        answer.Results[2].Result!.Value.GetString().Should().Be("Noted.");
    }

    [Fact]
    public async Task SendToolCalls_RawCamelCaseBody_NormalisesTheAnswerPerCall()
    {
        const string Body = """
            {"message":{"type":"tool-calls","call":{"id":"c-1","type":"inboundPhoneCall","status":"in-progress"},
            "phoneNumber":{"number":"+31850000000"},"customer":{"number":"+31611111111"},
            "toolCallList":[{"id":"raw-1","type":"function","function":{"name":"who_is_calling","arguments":{}}},
                            {"id":"raw-2","type":"function","function":{"name":"closed","arguments":"{}"}}]}}
            """;

        var answer = await _host.SendToolCallsAsync(Body);

        answer.Body.Should().Contain("\"toolCallId\":\"raw-1\"");
        answer.ToolCallIds.Should().Equal("raw-1", "raw-2");
        answer.Results[0].Result!.Value.GetProperty("number").GetString().Should().Be("+31611111111");
        answer.Results[1].Error.Should().Be("Sorry, we are closed today.");
    }

    [Fact]
    public async Task SendToolCalls_PerToolUrlForAnotherTool_ReturnsAnErrorWithoutRunningIt()
    {
        const string Body = """{"message":{"type":"tool-calls","tool_call_list":[{"id":"t-1","function":{"name":"count","arguments":{}}}]}}""";

        var answer = await _host.SendToolCallsAsync(Body, "/flireo/tools/find_dish");

        answer.Results.Should().ContainSingle().Which.Error.Should().Contain("find_dish").And.Contain("count");
        (await _host.CallToolAsync("count")).ResultAs<int>().Should().Be(1);
    }

    [Fact]
    public async Task SendToolCalls_InvalidBody_Answers400WithTheReasonAndNoResults()
    {
        var answer = await _host.SendToolCallsAsync("""{"message":{"type":"tool-calls"}}""");

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        answer.RejectionReason.Should().Contain("toolCallList");
        answer.Results.Should().BeEmpty();
    }
}
