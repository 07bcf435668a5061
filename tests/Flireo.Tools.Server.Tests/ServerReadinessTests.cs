using System.Net;
using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>Readiness follows the async work queue: a full queue refuses new async calls, so the server reports not ready.</summary>
public sealed class ServerReadinessTests : IDisposable
{
    private const string Secret = "readiness-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-readiness-").FullName;

    [Fact]
    public async Task Readiness_AsyncQueueFull_Returns503NamingTheQueueWhileLivenessStaysHealthy()
    {
        var plugins = await TestPlugins.GetAsync();
        await using var server = ServerProcess.Start(
            ["--tools", plugins.Greetings],
            new Dictionary<string, string?> { ["Flireo__WebhookSecret"] = Secret, ["Flireo__AsyncTools__QueueCapacity"] = "1" });
        await server.WaitUntilStartedAsync();
        var body = TestWebhooks.ToolCalls(snakeCase: true, ("tc_fills_queue", "hold_in_background", new { gate = Path.Combine(_folder, "gate"), done = Path.Combine(_folder, "done") }));
        using var acknowledged = await server.Client.SendAsync(TestWebhooks.SignedPost("/flireo", body, Secret));
        await server.WaitForOutputAsync(line => ServerProcess.RenderedMessage(line)?.Contains("tc_fills_queue", StringComparison.Ordinal) == true && line.Contains("started for tool call", StringComparison.Ordinal), ServerProcess.StartTimeout);

        using var ready = await server.Client.GetAsync("/readyz");
        using var live = await server.Client.GetAsync("/healthz");

        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("\"async-queue\":{\"status\":\"Unhealthy\",\"description\":\"The async work queue is full (1/1); new async calls are refused.\"}");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
