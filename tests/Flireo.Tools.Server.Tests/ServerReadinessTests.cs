using System.Net;
using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>Readiness follows the async work queue: a full in-memory queue refuses new async calls, so the server reports not ready.</summary>
public sealed class ServerReadinessTests : IDisposable
{
    private const string Secret = "readiness-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-readiness-").FullName;

    [Fact]
    public async Task Readiness_InMemoryAsyncQueueFull_Returns503NamingTheQueueWhileLivenessStaysHealthy()
    {
        var plugins = await TestPlugins.GetAsync();
        await using var server = ServerProcess.Start(
            ["--tools", plugins.Greetings],
            new Dictionary<string, string?> { ["Flireo__WebhookSecret"] = Secret, ["Flireo__Server__Queue"] = "Memory", ["Flireo__AsyncTools__QueueCapacity"] = "1", ["Flireo__Server__HealthDetails"] = "true" });
        await server.WaitUntilStartedAsync();
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_fills_queue", "hold_in_background", new { gate = Path.Combine(_folder, "gate"), done = Path.Combine(_folder, "done") }));
        using var acknowledged = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));
        await server.WaitForOutputAsync(line => ServerProcess.RenderedMessage(line)?.Contains("tc_fills_queue", StringComparison.Ordinal) == true && line.Contains("started for tool call", StringComparison.Ordinal), ServerProcess.StartTimeout);

        using var ready = await server.Client.GetAsync("/readyz");
        using var live = await server.Client.GetAsync("/healthz");

        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("\"async-queue\":{\"status\":\"Unhealthy\",\"description\":\"The async work queue is full (1/1); new async calls are refused.\"}");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readiness_WithHealthDetails_ShowsEachCheckWithItsCounts()
    {
        await using var server = await StartJournalServerAsync([]);

        using var ready = await server.Client.GetAsync("/readyz");

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("\"status\":\"Healthy\"")
            .And.Contain("\"tools\":{\"status\":\"Healthy\",\"description\":")
            .And.Contain("\"async-queue\":{\"status\":\"Healthy\",\"description\":\"0 unfinished async calls\"}");
    }

    [Fact]
    public async Task Readiness_SqliteQueueWithMoreCallsThanTheMemoryCapacity_StaysHealthy()
    {
        await using var server = await StartJournalServerAsync(new() { ["Flireo__AsyncTools__QueueCapacity"] = "1" });
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_waits_1", "record_call", new { }), ("tc_waits_2", "record_call", new { }));
        using var acknowledged = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));

        using var ready = await server.Client.GetAsync("/readyz");

        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK);
        SignedWebhooks.Results(await acknowledged.Content.ReadAsStringAsync()).Should().OnlyContain(r => r.Error == null);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("\"async-queue\":{\"status\":\"Healthy\",\"description\":\"2 unfinished async calls\"}");
    }

    [Fact]
    public async Task Readiness_CallInTheDeadLetters_ReportsDegradedAndStaysReady()
    {
        await using var server = await StartJournalServerAsync(new() { ["Flireo__AsyncTools__MaxRetries"] = "0" });
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_fails", "always_fail", new { }));
        using var acknowledged = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));
        await server.WaitForLogAsync("moved to the dead letters", ServerProcess.StartTimeout);

        using var ready = await server.Client.GetAsync("/readyz");

        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK, "a dead letter needs a look, but the server still takes work");
        var readiness = await ready.Content.ReadAsStringAsync();
        readiness.Should().Contain("\"status\":\"Degraded\"")
            .And.Contain("\"async-queue\":{\"status\":\"Degraded\",\"description\":\"1 async call(s) failed for good and wait in the dead letters (0 unfinished); list them with flireo-tools queue dead-letters.\"}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<ServerProcess> StartJournalServerAsync(Dictionary<string, string?> settings)
    {
        var plugins = await TestPlugins.GetAsync();
        settings["Flireo__WebhookSecret"] = Secret;
        settings["Flireo__Server__HealthDetails"] = "true";
        settings["Journal__File"] = Path.Combine(_folder, "journal.txt");
        settings["Journal__Gate"] = Path.Combine(_folder, "gate-never-opened");
        var server = ServerProcess.Start(["--tools", plugins.Journal], settings);
        await server.WaitUntilStartedAsync();
        return server;
    }
}
