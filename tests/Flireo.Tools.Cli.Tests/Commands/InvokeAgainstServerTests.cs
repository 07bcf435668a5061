using System.Net;
using System.Text;
using System.Text.Json;
using Flireo.Tools.Cli.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Cli.Tests.Commands;

/// <summary>Runs <c>invoke</c> and <c>sign</c> against the real MapFlireoWebhooks endpoint: signing, casing and answers must agree.</summary>
public sealed class InvokeAgainstServerTests : IAsyncLifetime
{
    private const string Url = "http://localhost/flireo";

    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync(TestPlugins.SampleTools);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Invoke_RealEndpoint_RunsTheToolAndPrintsItsResult()
    {
        var run = await Cli().RunWithAsync(
            "invoke", "--url", Url, "--secret", WebhookServer.Secret, "--tool", "check_availability",
            "--args", """{"date":"2026-05-01","guests":2}""", "--tool-call-id", "tool_a");

        run.ExitCode.Should().Be(0, run.ToString());
        Compact(run.Out).Should().Be("""{"results":[{"toolCallId":"tool_a","result":{"date":"2026-05-01","guests":2,"freeTables":5}}]}""");
        run.Error.Should().MatchRegex($@"^POST {Url} -> 200 OK in \d+ ms, object format\n$");
    }

    [Fact]
    public async Task Invoke_RealEndpointSnakeCase_GetsTheSnakeCaseAnswer()
    {
        var run = await Cli().RunWithAsync(
            "invoke", "--url", Url, "--secret", WebhookServer.Secret, "--tool", "get_opening_hours", "--args", """{"day":"Friday"}""", "--tool-call-id", "t1", "--snake-case");

        run.ExitCode.Should().Be(0, run.ToString());
        Compact(run.Out).Should().Be("""{"results":[{"tool_call_id":"t1","result":"Open from 17:00 to 23:00."}]}""");
    }

    [Fact]
    public async Task Invoke_RealEndpointAsyncTool_IsAcknowledged()
    {
        var run = await Cli().RunWithAsync(
            "invoke", "--url", Url, "--secret", WebhookServer.Secret, "--tool", "send_confirmation_sms",
            "--args", """{"phone":"+31612345678","text":"See you Friday"}""", "--tool-call-id", "t1");

        run.ExitCode.Should().Be(0, run.ToString());
        Compact(run.Out).Should().Be("""{"results":[{"toolCallId":"t1","result":"I will text you the confirmation."}]}""");
    }

    [Fact]
    public async Task Invoke_RealEndpointBadArguments_IsAFailedCallNamingTheParameter()
    {
        var run = await Cli().RunWithAsync(
            "invoke", "--url", Url, "--secret", WebhookServer.Secret, "--tool", "check_availability", "--args", """{"date":"2026-05-01"}""", "--tool-call-id", "t1");

        run.ExitCode.Should().Be(1);
        run.Out.Should().Contain("guests");
    }

    [Fact]
    public async Task Invoke_WrongSecret_IsRejectedWith401()
    {
        var run = await Cli().RunWithAsync("invoke", "--url", Url, "--secret", "wrong", "--tool", "get_opening_hours", "--args", """{"day":"Friday"}""");

        run.ExitCode.Should().Be(1);
        run.Out.Should().BeEmpty();
        run.Error.Should().StartWith($"error: POST {Url} answered 401");
    }

    [Fact]
    public async Task Sign_HeadersFromTheCommand_AreAcceptedByTheEndpoint()
    {
        const string body = """{"message":{"type":"tool-calls","call":{"id":"c1"},"toolCallList":[{"id":"t1","type":"function","function":{"name":"get_opening_hours","arguments":{"day":"Monday"}}}]}}""";
        var cli = new CliHarness { Input = CliHarness.Utf8(body), Time = new FakeTimeProvider(DateTimeOffset.UtcNow) };
        var signed = await cli.RunWithAsync("sign", "--secret", WebhookServer.Secret);
        using var client = new HttpClient(_server.CreateHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var line in signed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            request.Headers.Add(line[..colon], line[(colon + 2)..]);
        }

        using var response = await client.SendAsync(request);

        signed.ExitCode.Should().Be(0, signed.ToString());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"results":[{"toolCallId":"t1","result":"Closed on Mondays."}]}""");
    }

    // The endpoint checks the timestamp against the real clock, so the CLI signs with the real time here.
    private CliHarness Cli() => new() { HttpHandler = _server.CreateHandler(), Time = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
