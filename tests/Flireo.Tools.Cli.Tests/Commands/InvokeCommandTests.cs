using System.Globalization;
using System.Net;
using System.Text.Json;
using Flireo.Tools.Cli.Tests.TestSupport;

namespace Flireo.Tools.Cli.Tests.Commands;

public class InvokeCommandTests
{
    private const string Url = "http://tools.test/flireo";

    [Fact]
    public async Task Invoke_ObjectFormatAnswer_PrintsTheResultForTheCall()
    {
        var (run, _) = await InvokeAsync(HttpStatusCode.OK, """{"results":[{"toolCallId":"tool_1","result":{"free":3}}]}""");

        run.ExitCode.Should().Be(0, run.ToString());
        Parse(run.Out).Should().Be("""{"results":[{"toolCallId":"tool_1","result":{"free":3}}]}""");
        run.Error.Should().Be($"POST {Url} -> 200 OK in 0 ms, object format\n");
    }

    [Fact]
    public async Task Invoke_SimpleFormatAnswer_IsNormalisedToTheObjectFormat()
    {
        var (run, _) = await InvokeAsync(HttpStatusCode.OK, """{"result":"Table booked."}""");

        run.ExitCode.Should().Be(0, run.ToString());
        Parse(run.Out).Should().Be("""{"results":[{"toolCallId":"tool_1","result":"Table booked."}]}""");
        run.Error.Should().EndWith("simple format\n");
    }

    [Fact]
    public async Task Invoke_DirectFormatAnswer_IsTheResultItself()
    {
        var (run, _) = await InvokeAsync(HttpStatusCode.OK, """{"name":"Jan","vip":true}""");

        run.ExitCode.Should().Be(0, run.ToString());
        Parse(run.Out).Should().Be("""{"results":[{"toolCallId":"tool_1","result":{"name":"Jan","vip":true}}]}""");
        run.Error.Should().EndWith("direct format\n");
    }

    [Fact]
    public async Task Invoke_ErrorFormatAnswer_PrintsTheErrorAndExitsOne()
    {
        var (run, _) = await InvokeAsync(HttpStatusCode.OK, """{"error":"Contact not found"}""");

        run.ExitCode.Should().Be(1, run.ToString());
        Parse(run.Out).Should().Be("""{"results":[{"toolCallId":"tool_1","result":"Contact not found","error":"Contact not found"}]}""");
        run.Error.Should().Contain("error format\n").And.EndWith("error: tool call tool_1 failed: Contact not found\n");
    }

    [Fact]
    public async Task Invoke_ObjectFormatWithoutThisCall_IsAFailedCall()
    {
        var (run, _) = await InvokeAsync(HttpStatusCode.OK, """{"results":[{"toolCallId":"other","result":1}]}""");

        run.ExitCode.Should().Be(1);
        Parse(run.Out).Should().Be("""{"results":[{"toolCallId":"tool_1","result":"The answer has no result for this tool call.","error":"The answer has no result for this tool call."}]}""");
    }

    [Theory]
    [InlineData("""{"results":[{"tool_call_id":"tool_1","result":"No table free.","error":"No table free."}]}""")]
    [InlineData("""{"results":[{"toolCallId":"tool_1","result":"No table free.","error":"No table free."}]}""")]
    [InlineData("""{"results":[{"tool_call_id":"tool_1","error":"No table free."}]}""")]
    public async Task Invoke_ErrorItemWithResultAndErrorOrErrorOnly_IsAFailedCall(string answer)
    {
        var (run, _) = await InvokeAsync(HttpStatusCode.OK, answer);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().EndWith("error: tool call tool_1 failed: No table free.\n");
    }

    [Fact]
    public async Task Invoke_ErrorTextOnlyInResult_IsAResult()
    {
        var (run, _) = await InvokeAsync(HttpStatusCode.OK, """{"results":[{"tool_call_id":"tool_1","result":"No table free."}]}""");

        run.ExitCode.Should().Be(0, "an answer written with Flireo:ErrorAnswer=Result cannot tell an error from a result");
        Parse(run.Out).Should().Be("""{"results":[{"toolCallId":"tool_1","result":"No table free."}]}""");
    }

    [Fact]
    public async Task Invoke_SignsTheExactBodyLikeFlireo()
    {
        var (run, handler) = await InvokeAsync(HttpStatusCode.OK, """{"result":1}""");

        run.ExitCode.Should().Be(0, run.ToString());
        var timestamp = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        handler.Request!.Method.Should().Be(HttpMethod.Post);
        handler.Request.RequestUri.Should().Be(new Uri(Url));
        handler.Header("X-Webhook-Timestamp").Should().Be(timestamp);
        handler.Header("X-Webhook-Signature").Should().Be(SignedWebhooks.Signature("s3cret", timestamp, handler.RequestBody));
        handler.Header("X-Webhook-Event").Should().Be("tool-calls");
        handler.Request.Content!.Headers.ContentType!.MediaType.Should().Be("application/json");
    }

    [Fact]
    public async Task Invoke_CamelCaseByDefault_BuildsAToolCallsWebhook()
    {
        var (_, handler) = await InvokeAsync(HttpStatusCode.OK, """{"result":1}""", "--call-id", "call-9", "--customer-number", "+31612345678");

        using var body = JsonDocument.Parse(handler.RequestBody);
        var message = body.RootElement.GetProperty("message");
        message.GetProperty("type").GetString().Should().Be("tool-calls");
        message.GetProperty("timestamp").GetString().Should().Be("2026-03-01T09:30:00.000Z");
        message.GetProperty("call").GetProperty("id").GetString().Should().Be("call-9");
        message.GetProperty("call").GetProperty("type").GetString().Should().Be("inboundPhoneCall");
        message.GetProperty("customer").GetProperty("number").GetString().Should().Be("+31612345678");
        var call = message.GetProperty("toolCallList").EnumerateArray().Single();
        call.GetProperty("id").GetString().Should().Be("tool_1");
        call.GetProperty("type").GetString().Should().Be("function");
        call.GetProperty("function").GetProperty("name").GetString().Should().Be("check_availability");
        call.GetProperty("function").GetProperty("arguments").GetRawText().Should().Be("""{"guests":4}""");
    }

    [Fact]
    public async Task Invoke_SnakeCase_SendsSnakeCaseKeysAndPrintsTheSnakeCaseId()
    {
        var (run, handler) = await InvokeAsync(HttpStatusCode.OK, """{"results":[{"tool_call_id":"tool_1","result":"ok"}]}""", "--snake-case");

        run.ExitCode.Should().Be(0, run.ToString());
        using var body = JsonDocument.Parse(handler.RequestBody);
        var message = body.RootElement.GetProperty("message");
        message.TryGetProperty("tool_call_list", out _).Should().BeTrue();
        message.TryGetProperty("toolCallList", out _).Should().BeFalse();
        message.GetProperty("call").GetProperty("type").GetString().Should().Be("web_call");
        Parse(run.Out).Should().Be("""{"results":[{"tool_call_id":"tool_1","result":"ok"}]}""");
    }

    [Fact]
    public async Task Invoke_GeneratedIds_AreFreshPerRun()
    {
        var handler = new StubHttpHandler(HttpStatusCode.OK, """{"result":1}""");
        var cli = new CliHarness { HttpHandler = handler };

        await cli.RunWithAsync("invoke", "--url", Url, "--secret", "s", "--tool", "t");
        var first = ToolCallId(handler.RequestBody);
        await cli.RunWithAsync("invoke", "--url", Url, "--secret", "s", "--tool", "t");

        first.Should().StartWith("tool_");
        ToolCallId(handler.RequestBody).Should().StartWith("tool_").And.NotBe(first);
    }

    [Fact]
    public async Task Invoke_ArgumentsFromFile_AreSent()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, """{"date":"2026-05-01"}""");

        try
        {
            var handler = new StubHttpHandler(HttpStatusCode.OK, """{"result":1}""");
            var run = await new CliHarness { HttpHandler = handler }.RunWithAsync("invoke", "--url", Url, "--secret", "s", "--tool", "t", "--args", "@" + path);

            run.ExitCode.Should().Be(0, run.ToString());
            using var body = JsonDocument.Parse(handler.RequestBody);
            body.RootElement.GetProperty("message").GetProperty("toolCallList")[0].GetProperty("function").GetProperty("arguments").GetRawText()
                .Should().Be("""{"date":"2026-05-01"}""");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Invoke_BearerToken_IsSentAsAuthorization()
    {
        var (_, handler) = await InvokeAsync(HttpStatusCode.OK, """{"result":1}""", "--bearer-token", "abc");

        handler.Request!.Headers.Authorization!.ToString().Should().Be("Bearer abc");
    }

    [Fact]
    public async Task Invoke_NoSecret_SendsUnsignedWithAWarning()
    {
        var handler = new StubHttpHandler(HttpStatusCode.OK, """{"result":1}""");
        var cli = new CliHarness { HttpHandler = handler };

        var run = await cli.RunWithAsync("invoke", "--url", Url, "--tool", "t");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Error.Should().StartWith("warning: no secret (--secret or Flireo__WebhookSecret): the webhook is sent unsigned.\n");
        handler.Request!.Headers.Contains("X-Webhook-Signature").Should().BeFalse();
    }

    [Fact]
    public async Task Invoke_SecretFromEnvironment_SignsTheWebhook()
    {
        var handler = new StubHttpHandler(HttpStatusCode.OK, """{"result":1}""");
        var cli = new CliHarness { HttpHandler = handler };
        cli.Variables["Flireo__WebhookSecret"] = "env-secret";

        await cli.RunWithAsync("invoke", "--url", Url, "--tool", "t");

        handler.Header("X-Webhook-Signature").Should().Be(SignedWebhooks.Signature("env-secret", handler.Header("X-Webhook-Timestamp"), handler.RequestBody));
    }

    [Fact]
    public async Task Invoke_ServerAnswersNon2xx_PrintsStatusAndBodyAndExitsOne()
    {
        var (run, _) = await InvokeAsync(HttpStatusCode.Unauthorized, """{"error":"bad signature"}""");

        run.ExitCode.Should().Be(1);
        run.Out.Should().BeEmpty();
        run.Error.Should().Be($"error: POST {Url} answered 401 Unauthorized in 0 ms: {{\"error\":\"bad signature\"}}\n");
    }

    [Fact]
    public async Task Invoke_ServerUnreachable_PrintsOneLineError()
    {
        var handler = new StubHttpHandler(HttpStatusCode.OK, "") { Failure = new HttpRequestException("Connection refused (tools.test:80)") };
        var cli = new CliHarness { HttpHandler = handler };

        var run = await cli.RunWithAsync("invoke", "--url", Url, "--secret", "s", "--tool", "t");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Be($"error: POST {Url} failed: Connection refused (tools.test:80)\n");
    }

    [Theory]
    [InlineData("invoke", "--tool", "t")]
    [InlineData("invoke", "--url", Url)]
    [InlineData("invoke", "--url", Url, "--assembly", "x.dll", "--tool", "t")]
    [InlineData("invoke", "--url", "not a url", "--tool", "t")]
    [InlineData("invoke", "--url", "ftp://tools.test/", "--tool", "t")]
    [InlineData("invoke", "--url", Url, "--tool", "t", "--timeout", "0")]
    [InlineData("invoke", "--url", Url, "--tool", "t", "--args", "{not json")]
    public async Task Invoke_UsageError_ExitsTwoWithoutSending(params string[] args)
    {
        var handler = new StubHttpHandler(HttpStatusCode.OK, """{"result":1}""");
        var cli = new CliHarness { HttpHandler = handler };

        var run = await cli.RunWithAsync(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().StartWith("error: ");
        handler.Request.Should().BeNull();
    }

    private static async Task<(CliRun Run, StubHttpHandler Handler)> InvokeAsync(HttpStatusCode status, string answer, params string[] extra)
    {
        var handler = new StubHttpHandler(status, answer);
        var cli = new CliHarness { HttpHandler = handler };
        var run = await cli.RunWithAsync(
            ["invoke", "--url", Url, "--secret", "s3cret", "--tool", "check_availability", "--args", """{"guests":4}""", "--tool-call-id", "tool_1", .. extra]);
        return (run, handler);
    }

    private static string Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }

    private static string ToolCallId(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("message").GetProperty("toolCallList")[0].GetProperty("id").GetString()!;
    }
}
