using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Flireo.Tools.Cli.Tests.TestSupport;
using ModelContextProtocol.Client;

namespace Flireo.Tools.Cli.Tests.Commands;

/// <summary><c>flireo-tools serve</c> runs the self-hosted server in this process on a free loopback port, Development by default.</summary>
public sealed partial class ServeCommandTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Serve_Assembly_AnswersACallSignedWithTheBannersSecret()
    {
        await using var serve = await ServeAsync("--tools", TestPlugins.SampleTools);
        const string body = """{"message":{"type":"tool-calls","call":{"id":"c1"},"toolCallList":[{"id":"t1","type":"function","function":{"name":"get_opening_hours","arguments":{"day":"Monday"}}}]}}""";
        using var request = SignedWebhooks.Post(serve.WebhookUrl.AbsoluteUri, body, serve.Secret);

        using var response = await serve.Client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        var run = await serve.StopAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Should().Be("""{"results":[{"toolCallId":"t1","result":"Closed on Mondays."}]}""");
        serve.Output.Text.Should().Contain("Flireo tool server (Development)").And.NotContain("MCP endpoint");
        run.ExitCode.Should().Be(0, "Ctrl+C (here the token) stops the server normally: " + run);
    }

    [Fact]
    public async Task Serve_BannersCurl_IsAcceptedAsPrinted()
    {
        await using var serve = await ServeAsync("--tools", TestPlugins.SampleTools);
        var curl = serve.Output.Text.Split('\n').First(l => l.TrimStart().StartsWith("curl ", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, serve.WebhookUrl) { Content = new StringContent(Quoted(curl, "-d"), Encoding.UTF8, "application/json") };
        foreach (Match header in HeaderPattern().Matches(curl))
        {
            if (!header.Groups[1].Value.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Add(header.Groups[1].Value, header.Groups[2].Value);
            }
        }

        using var response = await serve.Client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, answer);
        answer.Should().Contain("\"tool_call_id\":\"dev_tool_call_1\"").And.NotContain("error", "the banner picks a tool whose sample arguments are valid");
    }

    [Fact]
    public async Task Serve_Mcp_ListsTheToolsToTheMcpSdkClient()
    {
        await using var serve = await ServeAsync("--tools", TestPlugins.SampleTools, "--mcp");
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(serve.BaseUrl + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            loggerFactory: null);

        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = "2025-11-25" }, loggerFactory: null);
        var tools = await client.ListToolsAsync();

        tools.Select(t => t.Name).Should().Contain(["get_opening_hours", "check_availability"]);
        serve.Output.Text.Should().Contain($"MCP endpoint:   {serve.BaseUrl}/mcp");
    }

    [Fact]
    public async Task Serve_MissingAssembly_IsAOneLineErrorWithExit1()
    {
        var missing = Path.Combine(Path.GetTempPath(), "flireo-nowhere", "Tools.dll");

        var run = await new CliHarness().RunWithAsync("serve", "--tools", missing, "--urls", "http://127.0.0.1:0");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Be($"error: Tool assembly '{missing}' was not found.\n");
    }

    [Fact]
    public async Task Serve_ProductionWithoutSecret_RefusesToStart()
    {
        var run = await new CliHarness().RunWithAsync("serve", "--tools", TestPlugins.SampleTools, "--environment", "Production", "--urls", "http://127.0.0.1:0");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().StartWith("error: No webhook secret configured: set Flireo__WebhookSecret").And.Contain("Environment: Production.");
    }

    private static async Task<ServeRun> ServeAsync(params string[] args)
    {
        var output = new WaitingWriter();
        var stop = new CancellationTokenSource();
        // A free loopback port; the in-memory queue, so no data folder is left behind.
        var running = new CliHarness().RunWithAsync(output, stop.Token, ["serve", .. args, "--urls", "http://127.0.0.1:0", "--Flireo:Server:Queue=Memory"]);
        var started = output.WaitForAsync("Sign afresh", StartTimeout);
        if (await Task.WhenAny(started, running) == running)
        {
            throw new InvalidOperationException("serve stopped before it listened: " + await running);
        }

        await started;
        var text = output.Text;
        var webhook = WebhookUrlPattern().Match(text).Groups[1].Value;
        var secret = SecretPattern().Match(text).Groups[1].Value;
        return new ServeRun(output, stop, running, new Uri(webhook), secret);
    }

    private static string Quoted(string line, string option)
    {
        var start = line.IndexOf(option + " '", StringComparison.Ordinal) + option.Length + 2;
        return line[start..line.IndexOf('\'', start)];
    }

    [GeneratedRegex(@"Webhook URL:\s+(\S+)")]
    private static partial Regex WebhookUrlPattern();

    [GeneratedRegex(@"Webhook secret: (dev_[0-9a-f]+)")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"-H '([^:']+): ([^']+)'")]
    private static partial Regex HeaderPattern();

    private sealed class ServeRun(WaitingWriter output, CancellationTokenSource stop, Task<CliRun> running, Uri webhookUrl, string secret) : IAsyncDisposable
    {
        public WaitingWriter Output { get; } = output;

        public Uri WebhookUrl { get; } = webhookUrl;

        public string BaseUrl { get; } = webhookUrl.GetLeftPart(UriPartial.Authority);

        public string Secret { get; } = secret;

        public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

        public async Task<CliRun> StopAsync()
        {
            await stop.CancelAsync();
            return await running.WaitAsync(TimeSpan.FromSeconds(120));
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (!running.IsCompleted)
            {
                await StopAsync();
            }

            stop.Dispose();
        }
    }
}
