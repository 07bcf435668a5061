using System.Text.Json;
using Flireo.Tools.Async;
using Flireo.Tools.Protocol;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Invocation;

public class ToolRouterTests
{
    private static RouterHost Host(Action<FlireoToolsOptions>? configure = null)
        => new(b => b.AddTools<SampleTools>(), configure, s => s.AddSingleton<IGreetingService, GreetingService>());

    private static async Task<ToolCallResult> RouteOne(RouterHost host, string tool, object? arguments, string id = "t1")
    {
        using var message = TestWebhooks.ToolCalls((id, tool, arguments));
        var response = await host.Router.RouteAsync(message, CancellationToken.None);
        return response.Results.Should().ContainSingle().Subject;
    }

    [Fact]
    public async Task Route_SeveralCalls_ReturnsOneResultPerCallInRequestOrder()
    {
        using var host = Host();
        using var message = TestWebhooks.ToolCalls(("a", "sum", new { values = new[] { 1.5, 2 } }), ("b", "nope", null), ("c", "greet", new { name = "Jan" }));

        var response = await host.Router.RouteAsync(message, CancellationToken.None);

        response.Results.Select(r => r.ToolCallId).Should().Equal("a", "b", "c");
        response.Results[0].Result!.Value.GetDecimal().Should().Be(3.5m);
        response.Results[1].Error.Should().Contain("Unknown tool 'nope'").And.Contain("greet");
        response.Results[2].Result!.Value.GetString().Should().Be("Hello Jan from +31612345678 (c)");
    }

    [Fact]
    public async Task Route_BindsDatesEnumsAndDefaults()
    {
        using var host = Host();

        var result = await RouteOne(host, "check_availability", new { date = "2026-03-01", guests = 4, seating = "Terrace" });
        var withDefault = await RouteOne(host, "check_availability", new { date = "2026-03-01", guests = 2 }, "t2");

        result.Result!.Value.GetString().Should().Be("2026-03-01/4/Terrace");
        withDefault.Result!.Value.GetString().Should().Be("2026-03-01/2/Indoor");
    }

    [Fact]
    public async Task Route_ArgumentsAsJsonString_AreParsed()
    {
        using var host = Host();

        var result = await RouteOne(host, "check_availability", """{"date":"2026-03-01","guests":3}""");

        result.Result!.Value.GetString().Should().Be("2026-03-01/3/Indoor");
    }

    [Theory]
    [InlineData("""{"guests":3}""", "Missing required parameter 'date' for tool 'check_availability': expected a date")]
    [InlineData("""{"date":"tomorrow","guests":3}""", "Parameter 'date' of tool 'check_availability' has an invalid value: expected a date like 2025-12-31")]
    [InlineData("""{"date":"2026-03-01","guests":"many"}""", "Parameter 'guests' of tool 'check_availability' has an invalid value: expected an integer")]
    [InlineData("""{"date":"2026-03-01","guests":50}""", "Parameter 'guests' of tool 'check_availability' is invalid: The field guests must be between 1 and 20.")]
    [InlineData("""{"date":"2026-03-01","guests":2,"seating":"Roof"}""", "Parameter 'seating' of tool 'check_availability' has an invalid value: expected one of 'Indoor', 'Terrace'")]
    [InlineData("""{"date":"2026-03-01","guests":2,"seating":7}""", "Parameter 'seating' of tool 'check_availability' has an invalid value: expected one of")]
    [InlineData("""{"date":null,"guests":2}""", "Parameter 'date' of tool 'check_availability' must not be null")]
    [InlineData("""{"date":"2026-03-01","guests":2,"avoid":["Indoor","Roof"]}""", "Parameter 'avoid' of tool 'check_availability' has an invalid value at [1]: expected an array whose items are each one of 'Indoor', 'Terrace'")]
    public async Task Route_BadArguments_ReturnErrorNamingTheParameter(string arguments, string expected)
    {
        using var host = Host();
        using var document = JsonDocument.Parse(arguments);

        var result = await RouteOne(host, "check_availability", document.RootElement);

        result.Error.Should().StartWith(expected);
    }

    [Theory]
    [InlineData("[1,2]", "must be a JSON object; got an array")]
    [InlineData("\"not json\"", "must be a JSON object; got a string that is not one")]
    [InlineData("42", "must be a JSON object; got a number")]
    public async Task Route_ArgumentsNotAnObject_ReturnError(string arguments, string expected)
    {
        using var host = Host();
        using var document = JsonDocument.Parse(arguments);

        var result = await RouteOne(host, "sum", document.RootElement);

        result.Error.Should().Contain("tool 'sum'").And.Contain(expected);
    }

    [Fact]
    public async Task Route_ComplexListAndNullableParameters_Bind()
    {
        using var host = Host();

        var result = await RouteOne(host, "book_party", new { guests = new[] { new { name = "Ann", age = 30 } }, time = "19:30", note = (string?)null });

        result.Result!.Value.GetRawText().Should().Be("""{"count":1,"first":"Ann","time":"19:30","note":null}""");
    }

    [Fact]
    public async Task Route_NestedValidationFails_NamesNestedProperty()
    {
        using var host = Host();

        var result = await RouteOne(host, "book_party", new { guests = new[] { new { name = "Ann", age = 300 } } });

        result.Error.Should().Contain("guests").And.Contain("tool 'book_party'");
    }

    [Fact]
    public async Task Route_RecordConstructorParameterAnnotation_IsEnforced()
    {
        using var host = Host();

        var result = await RouteOne(host, "book_party", new { guests = new[] { new { name = "Ann", allergy = new string('x', 30) } } });

        result.Error.Should().Be("Parameter 'guests[0].allergy' of tool 'book_party' is invalid: The field allergy must be a string with a maximum length of 20.");
    }

    [Fact]
    public async Task Route_SnakeCaseArgumentNames_BindToCamelCaseParameters()
    {
        using var host = Host();

        var result = await RouteOne(host, "book_party", new { Guests = new[] { new { name = "Ann" } } });

        result.Result!.Value.GetProperty("first").GetString().Should().Be("Ann");
    }

    [Theory]
    [InlineData("nothing")]
    [InlineData("nothing_async")]
    public async Task Route_VoidTools_ReturnSmallSuccess(string tool)
    {
        using var host = Host();

        var result = await RouteOne(host, tool, null);

        result.Result!.Value.GetRawText().Should().Be("""{"success":true}""");
    }

    [Fact]
    public async Task Route_ToolResultError_IsErrorWithExactMessage()
    {
        using var host = Host();

        var error = await RouteOne(host, "refuse", new { why = "full" });
        var ok = await RouteOne(host, "ok_result", null, "t2");

        error.Error.Should().Be("No: full");
        ok.Result!.Value.GetRawText().Should().Be("""{"done":true}""");
    }

    [Fact]
    public async Task Route_ToolThrows_ReturnsSafeMessageWithoutExceptionText()
    {
        using var host = Host();

        var result = await RouteOne(host, "explode", null);

        result.Error.Should().Be("The tool 'explode' failed. Please try again later.");
    }

    [Fact]
    public async Task Route_ToolThrowsWithDetailedErrors_IncludesExceptionText()
    {
        using var host = Host(o => o.IncludeDetailedErrors = true);

        var result = await RouteOne(host, "explode", null);

        result.Error.Should().Contain("hunter2").And.Contain("InvalidOperationException");
    }

    [Fact]
    public async Task Route_FlireoToolException_ShowsItsMessage()
    {
        using var host = Host();

        var result = await RouteOne(host, "explain", null);

        result.Error.Should().Be("The kitchen is closed today.");
    }

    [Fact]
    public async Task Route_ResultThatCannotBeSerialised_ReturnsError()
    {
        using var host = Host();

        var result = await RouteOne(host, "cycle", null);

        result.Error.Should().Be("The result of tool 'cycle' cannot be written as JSON: it contains a reference cycle or is nested more than 64 levels deep.");
    }

    [Theory]
    [InlineData("raw_simple", """{"x":1}""", null)]
    [InlineData("raw_error", null, "upstream said no")]
    [InlineData("raw_object", "\"fine\"", null)]
    [InlineData("raw_direct", """{"name":"Jan"}""", null)]
    [InlineData("json_string", "\"{\\\"result\\\":\\\"not parsed\\\"}\"", null)]
    public async Task Route_RawJsonInAnyOfTheFourFormats_IsNormalised(string tool, string? result, string? error)
    {
        using var host = Host();

        var outcome = await RouteOne(host, tool, null);

        outcome.Error.Should().Be(error);
        (outcome.Result?.GetRawText()).Should().Be(result);
    }

    [Fact]
    public async Task Route_ToolClass_IsCreatedPerCallInAScope()
    {
        using var host = Host();
        var before = SampleTools.Constructed;

        await RouteOne(host, "count_constructions", null, "x1");
        await RouteOne(host, "count_constructions", null, "x2");

        SampleTools.Constructed.Should().Be(before + 2);
    }

    [Fact]
    public async Task Route_SameToolCallIdTwice_RunsTheToolOnceAndRepeatsTheAnswer()
    {
        using var host = Host();
        var before = SampleTools.Constructed;

        var first = await RouteOne(host, "count_constructions", null, "dup");
        var second = await RouteOne(host, "count_constructions", null, "dup");

        SampleTools.Constructed.Should().Be(before + 1);
        second.Result!.Value.GetInt32().Should().Be(first.Result!.Value.GetInt32());
    }

    [Fact]
    public async Task Route_AsyncTool_IsQueuedAndAcknowledgedAtOnce()
    {
        using var host = Host();

        var result = await RouteOne(host, "send_sms", new { phone = "+31612345678", text = "See you" }, "sms1");

        result.Result!.Value.GetString().Should().Be("I'll text you.");
        var item = host.Queue.Items.Should().ContainSingle().Subject;
        item.ToolName.Should().Be("send_sms");
        item.Key.Should().MatchRegex("^6:call-1\\|4:sms1\\|8:send_sms\\|[0-9a-f]{64}$");
        JsonDocument.Parse(item.ArgumentsJson).RootElement.GetProperty("text").GetString().Should().Be("See you");
        JsonDocument.Parse(item.ContextJson).RootElement.GetProperty("message").GetProperty("type").GetString().Should().Be("tool-calls");
    }

    [Fact]
    public async Task Route_AsyncToolWithBadArguments_IsNotQueued()
    {
        using var host = Host();

        var result = await RouteOne(host, "send_sms", new { phone = "+31612345678" });

        result.Error.Should().Contain("Missing required parameter 'text'");
        host.Queue.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Route_AsyncToolRejectedByQueue_ReturnsError()
    {
        using var host = Host();
        host.Queue.Answer = ToolWorkEnqueueResult.Rejected;

        var result = await RouteOne(host, "send_sms", new { phone = "+31612345678", text = "x" });

        result.Error.Should().Contain("cannot take more work");
    }

    [Theory]
    [InlineData(WebhookCasing.CamelCase, "toolCallId")]
    [InlineData(WebhookCasing.SnakeCase, "tool_call_id")]
    public async Task Route_Answer_MirrorsTheRequestCasing(WebhookCasing casing, string idKey)
    {
        using var host = Host();
        using var message = TestWebhooks.ToolCalls("c", casing, ("t1", "nothing", null), ("t2", "refuse", new { why = "x" }));

        var response = await host.Router.RouteAsync(message, CancellationToken.None);

        response.ToString().Should().Be($$$"""{"results":[{"{{{idKey}}}":"t1","result":{"success":true}},{"{{{idKey}}}":"t2","result":"No: x","error":"No: x"}]}""");
    }

    [Fact]
    public async Task Route_ResponseCasingOption_OverridesTheRequest()
    {
        using var host = Host(o => o.ResponseCasing = WebhookCasing.SnakeCase);
        using var message = TestWebhooks.ToolCalls("c", WebhookCasing.CamelCase, ("t1", "nothing", null));

        var response = await host.Router.RouteAsync(message, CancellationToken.None);

        response.ToString().Should().Contain("\"tool_call_id\":\"t1\"");
    }

    [Fact]
    public async Task Route_PerToolEndpoint_RefusesOtherTools()
    {
        using var host = Host();
        using var message = TestWebhooks.ToolCalls(("t1", "nothing", null), ("t2", "sum", new { values = new[] { 1 } }));

        var response = await host.Router.RouteAsync(message, "sum", CancellationToken.None);

        response.Results[0].Error.Should().Be("This URL serves the tool 'sum', not 'nothing'.");
        response.Results[1].IsError.Should().BeFalse();
    }
}
