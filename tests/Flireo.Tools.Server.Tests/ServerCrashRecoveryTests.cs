using System.Net;
using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>kill -9 right after the acknowledgement: the default SQLite queue runs the acknowledged call, once, after a restart.</summary>
public sealed class ServerCrashRecoveryTests : IDisposable
{
    private const string Secret = "crash-secret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-crash-").FullName;

    [Fact]
    public async Task Sigkill_RightAfterAsyncCallAcknowledged_CallRunsExactlyOnceAfterRestart()
    {
        var plugins = await TestPlugins.GetAsync();
        var journal = Path.Combine(_folder, "journal.txt");
        var gate = Path.Combine(_folder, "gate");
        var settings = new Dictionary<string, string?>
        {
            ["Flireo__WebhookSecret"] = Secret,
            [ServerProcess.DataDirectoryVariable] = Path.Combine(_folder, "data"),
            // The killed server's lease must run out before the restarted one may claim the call; 10 s rather than 1 s so
            // the restarted server's own renewals are never late on a loaded machine (a lapsed lease means a second run).
            ["Flireo__Sqlite__LeaseDuration"] = "00:00:10",
            ["Flireo__Sqlite__PollInterval"] = "00:00:00.100",
            ["Journal__File"] = journal,
            ["Journal__Gate"] = gate,
        };
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_survives_kill", "record_call", new { }));
        HttpStatusCode acknowledged;
        await using (var first = ServerProcess.Start(["--tools", plugins.Journal], settings))
        {
            await first.WaitUntilStartedAsync();
            using var response = await first.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));
            first.Kill();
            acknowledged = response.StatusCode;
            await first.WaitForExitAsync(Timeout);
        }

        var ranBeforeRestart = File.Exists(journal);
        await File.WriteAllTextAsync(gate, "open");
        await using var second = ServerProcess.Start(["--tools", plugins.Journal], settings);
        await second.WaitUntilStartedAsync();
        await WaitForJournalAsync(journal, "tc_survives_kill", second);
        second.Terminate();
        var exitCode = await second.WaitForExitAsync(Timeout);

        acknowledged.Should().Be(HttpStatusCode.OK);
        ranBeforeRestart.Should().BeFalse("the tool waits for the gate, which opened only after the kill");
        exitCode.Should().Be(0, second.Describe());
        (await File.ReadAllLinesAsync(journal)).Should().Equal(["tc_survives_kill"], "the acknowledged call runs after the restart, and only once");
        second.Output.Should().Contain(line => (ServerProcess.RenderedMessage(line) ?? string.Empty).StartsWith("Acknowledged async calls are stored in the SQLite file", StringComparison.Ordinal) && line.Contains(settings[ServerProcess.DataDirectoryVariable]!, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Polls the journal written by the tool in the other process, bounded by the timeout.
    private static async Task WaitForJournalAsync(string journal, string toolCallId, ServerProcess server)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!File.Exists(journal) || !(await File.ReadAllTextAsync(journal, timeout.Token)).Contains(toolCallId, StringComparison.Ordinal))
        {
            try
            {
                await poll.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The journal did not record {toolCallId} within {Timeout} after the restart.{server.Describe()}");
            }
        }
    }
}
