using System.Net;
using System.Text.RegularExpressions;
using Flireo.Tools.Cli.Tests.TestSupport;

namespace Flireo.Tools.Cli.Tests.Commands;

/// <summary><c>flireo-tools serve --watch</c> on a real tool project: real builds, a real port, signed calls; the tests of this class share the project.</summary>
public sealed partial class ServeWatchTests(WatchProject project) : IClassFixture<WatchProject>
{
    // Builds are slow on a loaded machine: wide margins everywhere.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task ServeWatch_Edit_ReportsTheChangeServesTheNewToolAndFinishesTheCallInFlight()
    {
        project.WriteSource(WatchProject.Version1);
        await using var serve = await WatchAsync();
        var marker = Path.Combine(project.Folder, "..", $"{Path.GetFileName(project.Folder)}-slow");
        var greeting = await serve.CallAsync("greet", """{"name":"Ann"}""");
        var slow = serve.CallAsync("slow", """{"marker":""" + JsonString(marker) + "}");
        await WaitForFileAsync(marker + ".started", slow);

        project.WriteSource(WatchProject.Version1
            .Replace("Greets a person.", "Greets a person by name.", StringComparison.Ordinal)
            .Replace("(v1)\";\n\n    [FlireoTool(\"slow\"", "(v2)\";\n\n    [FlireoTool(\"add\", Description = \"Adds two numbers.\")]\n    public int Add(int a, int b) => a + b;\n\n    [FlireoTool(\"slow\"", StringComparison.Ordinal));
        await serve.Output.WaitForAsync("watch: rebuilt WatchTools.csproj", BuildTimeout);
        var added = await serve.CallAsync("add", """{"a":2,"b":3}""");
        var changed = await serve.CallAsync("greet", """{"name":"Ann"}""");
        await File.WriteAllTextAsync(marker + ".release", string.Empty);
        var finished = await slow;
        File.Delete(marker + ".started");
        File.Delete(marker + ".release");
        var run = await serve.StopAsync();

        greeting.Should().Be("Hello Ann (v1)");
        added.Should().Be("5");
        changed.Should().Be("Hello Ann (v2)");
        finished.Should().Be("slow done (v1)", "the call started before the swap finishes on the old generation");
        var report = ReportPattern().Match(serve.Output.Text);
        report.Success.Should().BeTrue(serve.Output.Text);
        report.Groups["summary"].Value.Should().Be("3 tools; 1 added, 1 changed");
        report.Groups["lines"].Value.Should().Be("  + add\n  ~ greet: description\n");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Error.Should().NotContain("error", "a successful rebuild prints no build output");
    }

    [Fact]
    public async Task ServeWatch_BrokenEdit_PrintsTheCompilerErrorKeepsServingAndSwapsOnceFixed()
    {
        project.WriteSource(WatchProject.Version1);
        await using var serve = await WatchAsync();

        project.WriteSource(WatchProject.Version1.Replace("$\"Hello {name} (v1)\";", "$\"Hello {name} (v1)\" +;", StringComparison.Ordinal));
        await serve.Error.WaitForAsync("error: watch: building WatchTools.csproj failed; generation 1 keeps serving:", BuildTimeout);
        await serve.Error.WaitForAsync("error CS1525", BuildTimeout);
        var whileBroken = await serve.CallAsync("greet", """{"name":"Bo"}""");
        project.WriteSource(WatchProject.Version1.Replace("(v1)\";", "(fixed)\";", StringComparison.Ordinal));
        await serve.Output.WaitForAsync("watch: rebuilt WatchTools.csproj", BuildTimeout);
        var fixedAnswer = await serve.CallAsync("greet", """{"name":"Bo"}""");

        whileBroken.Should().Be("Hello Bo (v1)");
        fixedAnswer.Should().Be("Hello Bo (fixed)");
        serve.Output.Text.Should().Contain("generation 2 takes new calls (2 tools; definitions unchanged)");
    }

    [Fact]
    public async Task ServeWatch_Assembly_RefusesSayingItRebuildsProjects()
    {
        var run = await new CliHarness().RunWithAsync("serve", "--watch", "--tools", TestPlugins.SampleTools, "--urls", "http://127.0.0.1:0");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Be($"error: --watch rebuilds a tool project, and '{TestPlugins.SampleTools}' is not one: pass --tools path/to/MyTools.csproj (or its folder). A built .dll cannot be rebuilt; serve it without --watch.\n");
    }

    private async Task<WatchRun> WatchAsync()
    {
        var output = new WaitingWriter();
        var error = new WaitingWriter();
        var stop = new CancellationTokenSource();
        // A long sync deadline: the slow call stays open across a rebuild. The in-memory queue leaves no data folder behind.
        var running = new CliHarness().RunWithAsync(output, error, stop.Token, ["serve", "--watch", "--tools", project.ProjectFile, "--urls", "http://127.0.0.1:0", "--Flireo:Server:Queue=Memory", "--Flireo:SyncTimeout=00:09:00"]);
        var started = output.WaitForAsync("watch: serving", BuildTimeout);
        if (await Task.WhenAny(started, running) == running)
        {
            var run = await running;
            throw new InvalidOperationException($"serve --watch stopped before it listened (exit {run.ExitCode}):\n--- stdout\n{output.Text}--- stderr\n{error.Text}");
        }

        await started;
        var text = output.Text;
        return new WatchRun(output, error, stop, running, new Uri(WebhookUrlPattern().Match(text).Groups[1].Value), SecretPattern().Match(text).Groups[1].Value);
    }

    private static async Task WaitForFileAsync(string path, Task call)
    {
        var deadline = DateTime.UtcNow + BuildTimeout;
        while (!File.Exists(path))
        {
            if (call.IsCompleted || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The slow call did not start: {(call.IsCompleted ? "it ended" : "timeout")}.");
            }

            await Task.Delay(50);
        }
    }

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    [GeneratedRegex(@"Webhook URL:\s+(\S+)")]
    private static partial Regex WebhookUrlPattern();

    [GeneratedRegex(@"Webhook secret: (dev_[0-9a-f]+)")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"watch: rebuilt WatchTools\.csproj in [0-9.]+ s; generation 2 takes new calls \((?<summary>[^)]*)\)\n(?<lines>(  .*\n)*)")]
    private static partial Regex ReportPattern();

    private sealed class WatchRun(WaitingWriter output, WaitingWriter error, CancellationTokenSource stop, Task<CliRun> running, Uri webhookUrl, string secret) : IAsyncDisposable
    {
        public WaitingWriter Output { get; } = output;

        public WaitingWriter Error { get; } = error;

        private HttpClient Client { get; } = new() { Timeout = TimeSpan.FromMinutes(10) };

        /// <summary>Sends a signed tool call and returns the tool's result as JSON text.</summary>
        public async Task<string> CallAsync(string tool, string arguments)
        {
            var body = """{"message":{"type":"tool-calls","call":{"id":"c1"},"toolCallList":[{"id":"t1","type":"function","function":{"name":""" + JsonString(tool) + ""","arguments":""" + arguments + "}}]}}";
            using var request = SignedWebhooks.Post(webhookUrl.AbsoluteUri, body, secret);
            using var response = await Client.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, answer);
            using var document = System.Text.Json.JsonDocument.Parse(answer);
            var result = document.RootElement.GetProperty("results")[0];
            return result.TryGetProperty("result", out var value) ? (value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText()) : answer;
        }

        public async Task<CliRun> StopAsync()
        {
            await stop.CancelAsync();
            return await running.WaitAsync(TimeSpan.FromMinutes(3));
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
