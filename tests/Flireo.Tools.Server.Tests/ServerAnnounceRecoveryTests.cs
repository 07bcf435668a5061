using System.Net;
using Flireo.Tools.Server.Tests.TestSupport;
using Flireo.Tools.Testing.Platform;

namespace Flireo.Tools.Server.Tests;

/// <summary>kill -9 between an async tool's run and its announcement: with the SQLite queue the result is announced once after a restart.</summary>
public sealed class ServerAnnounceRecoveryTests : IDisposable
{
    private const string Secret = "announce-secret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-announce-").FullName;

    [Fact]
    public async Task Sigkill_AfterTheRunBeforeTheAnnouncement_AnnouncesExactlyOnceAfterRestart()
    {
        var announcer = await TestPlugins.GetAnnouncerAsync();
        await using var platform = await FakeFlireoPlatform.StartAsync();

        // The first announcement attempt gets a 503: the run is done, the announcement is stored and due again later.
        platform.FailNext(new PlatformFault(503));
        var settings = new Dictionary<string, string?>
        {
            ["Flireo__WebhookSecret"] = Secret,
            ["Flireo__Api__BaseUrl"] = platform.BaseUrl.ToString(),
            ["Flireo__Api__Key"] = platform.ApiKey,
            ["Flireo__Api__MaxRetries"] = "0",
            ["Flireo__AsyncTools__RetryDelay"] = "00:00:03",
            [ServerProcess.DataDirectoryVariable] = Path.Combine(_folder, "data"),
            // Long enough that a renewal is never late on a loaded machine: with 1 s, at load 30 the restarted server's
            // lease ran out while it was announcing, and a second claim announced again (at-least-once, as designed).
            ["Flireo__Sqlite__LeaseDuration"] = "00:00:10",
            ["Flireo__Sqlite__PollInterval"] = "00:00:00.100",
        };
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_announce_survives_kill", "note_and_announce", new { text = "window seat" }));
        HttpStatusCode acknowledged;
        await using (var first = ServerProcess.Start(["--tools", announcer], settings))
        {
            await first.WaitUntilStartedAsync();
            using var response = await first.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));
            acknowledged = response.StatusCode;
            await WaitForAsync(() => platform.Requests.Count >= 1, "the first announcement attempt", first);
            first.Kill();
            await first.WaitForExitAsync(Timeout);
        }

        var beforeRestart = platform.Requests.Select(r => r.StatusCode).ToList();
        await using var second = ServerProcess.Start(["--tools", announcer], settings);
        await second.WaitUntilStartedAsync();
        await WaitForAsync(() => platform.Commands.Any(c => c.Accepted), "the announcement after the restart", second);
        second.Terminate();
        var exitCode = await second.WaitForExitAsync(Timeout);

        acknowledged.Should().Be(HttpStatusCode.OK);
        beforeRestart.Should().Equal([503], "the only attempt before the kill was refused");
        exitCode.Should().Be(0, second.Describe());
        var spoken = platform.Commands.Where(c => c.Accepted).Should().ContainSingle("the stored announcement is sent once after the restart, and the tool does not run again").Subject;
        (spoken.Type, spoken.Content, spoken.TriggerResponse).Should().Be(("inject-context", "Noted: window seat", true));
        string.Join('\n', second.Output).Should().NotContain(platform.ApiKey, "secrets never appear in logs");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task WaitForAsync(Func<bool> condition, string what, ServerProcess server)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            try
            {
                await poll.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {Timeout} for {what}.{server.Describe()}");
            }
        }
    }
}
