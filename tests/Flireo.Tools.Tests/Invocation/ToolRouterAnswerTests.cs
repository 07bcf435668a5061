using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Flireo.Tools.Protocol;
using Flireo.Tools.Tests.TestSupport;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Tests.Invocation;

/// <summary>Where an error's text is written (Flireo:ErrorAnswer), the per-message call limit and the answers' escaping.</summary>
public class ToolRouterAnswerTests
{
    private static RouterHost Host(Action<FlireoToolsOptions>? configure = null)
        => new(b => b.AddTools<SampleTools>(), configure, s => s.AddSingleton<IGreetingService, GreetingService>());

    private static IReadOnlyList<ToolCallResult> Results(params (string Id, JsonElement? Result, string? Error)[] outcomes)
        => outcomes.Select(o => o.Error is { } error ? ToolCallResult.Failure(o.Id, error) : ToolCallResult.Success(o.Id, o.Result!.Value)).ToArray();

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Theory]
    [InlineData(WebhookCasing.SnakeCase, "tool_call_id")]
    [InlineData(WebhookCasing.CamelCase, "toolCallId")]
    public void WriteTo_ErrorByDefault_WritesItsTextInResultAndError(WebhookCasing casing, string idKey)
    {
        var response = new ToolCallsResponse(Results(("t1", null, "No table free."), ("t2", Json("42"), null)), casing);

        response.ErrorAnswer.Should().Be(ErrorAnswer.ResultAndError);
        response.ToString().Should().Be($$$"""{"results":[{"{{{idKey}}}":"t1","result":"No table free.","error":"No table free."},{"{{{idKey}}}":"t2","result":42}]}""");
    }

    [Theory]
    [InlineData(ErrorAnswer.ResultAndError, """{"results":[{"tool_call_id":"t1","result":"No.","error":"No."}]}""")]
    [InlineData(ErrorAnswer.Error, """{"results":[{"tool_call_id":"t1","error":"No."}]}""")]
    [InlineData(ErrorAnswer.Result, """{"results":[{"tool_call_id":"t1","result":"No."}]}""")]
    public void WriteTo_Error_IsWrittenAsErrorAnswerSays(ErrorAnswer errorAnswer, string expected)
    {
        var response = new ToolCallsResponse(Results(("t1", null, "No.")), WebhookCasing.SnakeCase, errorAnswer);

        response.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData(ErrorAnswer.ResultAndError)]
    [InlineData(ErrorAnswer.Error)]
    public void Parse_EachErrorShapeWeWrite_ReadsBackAsTheError(ErrorAnswer errorAnswer)
    {
        var written = new ToolCallsResponse(Results(("t1", null, "No."), ("t2", Json("\"fine\""), null)), WebhookCasing.CamelCase, errorAnswer).ToString();

        var parsed = ToolResponse.Parse(written, ["t1", "t2"]);

        parsed[0].Error.Should().Be("No.");
        parsed[0].Result.Should().BeNull();
        parsed[1].Result!.Value.GetString().Should().Be("fine");
    }

    [Fact]
    public void Parse_ResultOnlyShape_ReadsTheTextAsTheResult()
    {
        var parsed = ToolResponse.Parse("""{"results":[{"tool_call_id":"t1","result":"No."}]}""", ["t1"]);

        parsed[0].IsError.Should().BeFalse("an answer written with ErrorAnswer.Result cannot tell an error from a result");
        parsed[0].Result!.Value.GetString().Should().Be("No.");
    }

    [Fact]
    public async Task Route_ErrorOutcome_UsesTheErrorAnswerOption()
    {
        using var host = Host(o => o.ErrorAnswer = ErrorAnswer.Error);
        using var message = TestWebhooks.ToolCalls(("t1", "refuse", new { why = "x" }));

        var response = await host.Router.RouteAsync(message, CancellationToken.None);

        response.ErrorAnswer.Should().Be(ErrorAnswer.Error);
        response.ToString().Should().Be("""{"results":[{"toolCallId":"t1","error":"No: x"}]}""");
    }

    [Fact]
    public async Task Route_MoreCallsThanTheLimit_AnswersTheRestWithAnErrorAndDoesNotRunThem()
    {
        using var host = Host(o => o.MaxToolCallsPerMessage = 2);
        using var message = TestWebhooks.ToolCalls(
            ("a", "sum", new { values = new[] { 1, 2 } }),
            ("b", "send_sms", new { phone = "+31612345678", text = "x" }),
            ("c", "send_sms", new { phone = "+31612345678", text = "y" }),
            ("d", "sum", new { values = new[] { 3 } }));
        var refused = new List<string>();
        using var listener = CountOutcomes("too_many_calls", refused);

        var response = await host.Router.RouteAsync(message, CancellationToken.None);

        response.Results.Select(r => r.ToolCallId).Should().Equal("a", "b", "c", "d");
        response.Results[0].Result!.Value.GetDecimal().Should().Be(3m);
        response.Results[1].IsError.Should().BeFalse();
        response.Results.Skip(2).Should().AllSatisfy(r => r.Error.Should().Be("The tool call was not run: too many tool calls in one message (the limit is 2, Flireo:MaxToolCallsPerMessage). Make fewer tool calls at once."));
        host.Queue.Items.Select(i => i.ToolCallId).Should().Equal("b");
        refused.Should().Equal("send_sms", "sum");
    }

    [Fact]
    public async Task Route_CallsUpToTheLimit_AllRun()
    {
        using var host = Host(o => o.MaxToolCallsPerMessage = 2);
        using var message = TestWebhooks.ToolCalls(("a", "sum", new { values = new[] { 1 } }), ("b", "sum", new { values = new[] { 2 } }));

        var response = await host.Router.RouteAsync(message, CancellationToken.None);

        response.Results.Should().OnlyContain(r => !r.IsError);
    }

    [Fact]
    public void Options_Defaults_AreResultAndErrorAnd32CallsPerMessage()
    {
        var options = new FlireoToolsOptions();

        options.ErrorAnswer.Should().Be(ErrorAnswer.ResultAndError);
        options.MaxToolCallsPerMessage.Should().Be(32);
    }

    [Theory]
    [InlineData("Flireo:ErrorAnswer", "Both", "*Flireo:ErrorAnswer must be one of ResultAndError (the default), Error or Result (got 'Both')*")]
    [InlineData("Flireo:ErrorAnswer", "7", "*Flireo:ErrorAnswer must be one of ResultAndError (the default), Error or Result (got 7)*")]
    [InlineData("Flireo:MaxToolCallsPerMessage", "0", "*MaxToolCallsPerMessage*")]
    public void AddFlireoTools_InvalidSetting_FailsNamingTheFix(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFlireoTools().Services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage(message);
    }

    [Theory]
    [InlineData("error", ErrorAnswer.Error)]
    [InlineData("Result", ErrorAnswer.Result)]
    public void AddFlireoTools_ErrorAnswerFromConfiguration_Binds(string value, ErrorAnswer expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Flireo:ErrorAnswer"] = value }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFlireoTools().Services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value.ErrorAnswer.Should().Be(expected);
    }

    [Fact]
    public void ToUtf8Bytes_TextAnAnswerCarries_IsWrittenWithRelaxedEscaping()
    {
        var response = new ToolCallsResponse(Results(("t1", Json("""{"phone":"+31612345678","name":"Zo\u00EB","say":"I'll <b>"}"""), null), ("t2", null, "Zoë can't")), WebhookCasing.SnakeCase);

        var bytes = response.ToUtf8Bytes();

        Encoding.UTF8.GetString(bytes).Should().Be("""{"results":[{"tool_call_id":"t1","result":{"phone":"+31612345678","name":"Zoë","say":"I'll <b>"}},{"tool_call_id":"t2","result":"Zoë can't","error":"Zoë can't"}]}""");
        var parse = () => JsonDocument.Parse(bytes).Dispose();
        parse.Should().NotThrow();
    }

    [Fact]
    public void AssistantResponse_ToUtf8Bytes_IsWrittenWithRelaxedEscaping()
    {
        var answer = AssistantResponse.Reject("Sorry, we're closed for Zoë +31");

        Encoding.UTF8.GetString(answer.ToUtf8Bytes(WebhookCasing.SnakeCase)).Should().Be("""{"error":"Sorry, we're closed for Zoë +31"}""");
    }

    private static MeterListener CountOutcomes(string outcome, List<string> tools)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Flireo.Tools.Diagnostics.FlireoToolsDiagnostics.MeterName && instrument.Name == "flireo.tools.calls")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? tool = null;
            var matches = false;
            foreach (var tag in tags)
            {
                if (tag.Key == "tool")
                {
                    tool = tag.Value as string;
                }
                else if (tag.Key == "outcome" && tag.Value as string == outcome)
                {
                    matches = true;
                }
            }

            if (matches)
            {
                lock (tools)
                {
                    tools.Add(tool!);
                }
            }
        });
        listener.Start();
        return listener;
    }
}
