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
        var body = TestWebhooks.ToolCalls(snakeCase: true, ("tc_inflight", "hold", new { gate }));
        var answer = server.Client.SendAsync(TestWebhooks.SignedPost("/flireo", body, Secret));
        await server.WaitForOutputAsync(line => Started(line, "tc_inflight"), Timeout);

        server.Terminate();
        await server.WaitForLogAsync("Shutdown requested", Timeout);
        await File.WriteAllTextAsync(gate, "open");
        using var response = await answer;
        var exitCode = await server.WaitForExitAsync(Timeout);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var results = TestWebhooks.Results(await response.Content.ReadAsStringAsync());
        results[0].Error.Should().BeNull();
        results[0].Result!.Value.GetString().Should().Be("released");
        exitCode.Should().Be(0, server.Describe());
        server.Output.Should().Contain(line => (ServerProcess.RenderedMessage(line) ?? string.Empty).StartsWith("Stopped ", StringComparison.Ordinal));
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
