using System.Net;
using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>SIGTERM, as sent by a container runtime: in-flight calls answer, acknowledged async work drains, exit code 0.</summary>
public sealed class ServerShutdownTests : IDisposable
{
    private const string Secret = "shutdown-secret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-shutdown-").FullName;

    [Fact]
    public async Task Sigterm_WhileSyncCallInFlight_AnswersTheCallThenExitsWithZero()
    {
        var gate = Path.Combine(_folder, "gate");
        await using var server = await StartAsync();
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_inflight", "hold", new { gate }));
        var answer = server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));
        await server.WaitForOutputAsync(line => Started(line, "tc_inflight"), Timeout);

        server.Terminate();
        await server.WaitForLogAsync("Shutdown requested", Timeout);
        await File.WriteAllTextAsync(gate, "open");
        using var response = await answer;
        var exitCode = await server.WaitForExitAsync(Timeout);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var results = SignedWebhooks.Results(await response.Content.ReadAsStringAsync());
        results[0].Error.Should().BeNull();
        results[0].Result!.Value.GetString().Should().Be("released");
        exitCode.Should().Be(0, server.Describe());
        server.Output.Should().Contain(line => (ServerProcess.RenderedMessage(line) ?? string.Empty).StartsWith("Stopped ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sigterm_WhileAcknowledgedAsyncCallRuns_DrainsItThenExitsWithZero()
    {
        var gate = Path.Combine(_folder, "gate");
        var done = Path.Combine(_folder, "done");
        await using var server = await StartAsync();
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_async", "hold_in_background", new { gate, done }));
        using var acknowledged = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));
        await server.WaitForOutputAsync(line => Started(line, "tc_async"), Timeout);

        server.Terminate();
        await server.WaitForLogAsync("Draining async work: 1 call(s) running", Timeout);
        await File.WriteAllTextAsync(gate, "open");
        var exitCode = await server.WaitForExitAsync(Timeout);

        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK);
        SignedWebhooks.Results(await acknowledged.Content.ReadAsStringAsync())[0].Error.Should().BeNull();
        exitCode.Should().Be(0, server.Describe());
        (await File.ReadAllTextAsync(done)).Should().Be("tc_async", "the acknowledged call ran to its end during the drain");
        server.Output.Should().Contain(line => ServerProcess.RenderedMessage(line) == "Async work drained");
    }

    [Theory]
    [InlineData("Memory", "not completed before shutdown")]
    [InlineData("Sqlite", "cancelled by shutdown; it stays stored and runs again")]
    public async Task Sigterm_AsyncCallOutlastingTheDrainTimeout_IsLoggedWithItsToolCallIdAndExitIsZero(string queue, string logged)
    {
        var gate = Path.Combine(_folder, "never-opened");
        var done = Path.Combine(_folder, "done");
        await using var server = await StartAsync(new() { ["Flireo__AsyncTools__ShutdownTimeout"] = "00:00:01", ["Flireo__Server__Queue"] = queue });
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_stuck", "hold_in_background", new { gate, done }));
        using var acknowledged = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));
        await server.WaitForOutputAsync(line => Started(line, "tc_stuck"), Timeout);

        server.Terminate();
        var exitCode = await server.WaitForExitAsync(Timeout);

        exitCode.Should().Be(0, server.Describe());
        File.Exists(done).Should().BeFalse();
        server.Output.Should().Contain(
            line => (ServerProcess.RenderedMessage(line) ?? string.Empty).Contains(logged, StringComparison.Ordinal) && line.Contains("tc_stuck", StringComparison.Ordinal),
            "nothing acknowledged is dropped silently");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static bool Started(string line, string toolCallId) =>
        ServerProcess.RenderedMessage(line) is { } message && message.Contains("started for tool call", StringComparison.Ordinal) && message.Contains(toolCallId, StringComparison.Ordinal);

    private static async Task<ServerProcess> StartAsync(Dictionary<string, string?>? environment = null)
    {
        var plugins = await TestPlugins.GetAsync();
        var settings = new Dictionary<string, string?> { ["Flireo__WebhookSecret"] = Secret };
        foreach (var (key, value) in environment ?? [])
        {
            settings[key] = value;
        }

        var server = ServerProcess.Start(["--tools", plugins.Greetings], settings);
        await server.WaitUntilStartedAsync();
        return server;
    }
}
