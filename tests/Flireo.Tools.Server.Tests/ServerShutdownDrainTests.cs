using System.Net;
using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>SIGTERM with acknowledged calls queued in a durable store: the server drains them, or leaves them stored, named, for the restart.</summary>
/// <remarks>
/// The tool waits for a gate file, then works 200 ms (cancellable) and appends its tool call id to a journal, so the
/// test decides when work starts and the journal shows how often each call ran. Four (or two) calls start and wait at
/// the gate; the other calls are still queued in the store when SIGTERM arrives.
/// </remarks>
public sealed class ServerShutdownDrainTests : IDisposable
{
    private const string Secret = "drain-secret";
    private const string StartedPrefix = "record_call started for tool call ";
    private const int Calls = 40;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-drain-").FullName;
    private readonly List<string> _ids = [.. Enumerable.Range(0, Calls).Select(i => $"tc_drain_{i:00}")];

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Redis")]
    public async Task Sigterm_FortyCallsQueued_StopsTakingWebhooksAndRunsAllFortyOnceBeforeExit(string queue)
    {
        await using var redis = queue == "Redis" ? await RedisServerProcess.StartAsync() : null;
        var settings = Settings(queue, redis, maxConcurrency: 4, budget: null);
        await using var server = await StartAsync(settings);
        using var acknowledged = await SendAllAsync(server);
        await WaitUntilAsync(() => Started(server).Count == 4, () => "four calls started and wait at the gate", server);

        server.Terminate();
        await server.WaitForLogAsync("Draining async work", Timeout);
        var refusedDuringDrain = await IsRefusedAsync(server);
        await File.WriteAllTextAsync(Gate, "open");
        var exitCode = await server.WaitForExitAsync(Timeout);

        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK);
        SignedWebhooks.Results(await acknowledged.Content.ReadAsStringAsync()).Should().HaveCount(Calls).And.OnlyContain(r => r.Error == null);
        refusedDuringDrain.Should().BeTrue("the server stops taking webhooks before it drains");
        exitCode.Should().Be(0, server.Describe());
        Journal().Should().OnlyHaveUniqueItems("no call runs twice").And.BeEquivalentTo(_ids, "every acknowledged call runs before the exit");
        server.Output.Should().Contain(line => ServerProcess.RenderedMessage(line) == "Async work drained", server.Describe());
        server.Output.Should().NotContain(line => (ServerProcess.RenderedMessage(line) ?? string.Empty).Contains("left stored", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Redis")]
    public async Task Sigterm_DrainBudgetOfOneSecond_LeftCallsAreNamedAndRunOnceAfterTheRestart(string queue)
    {
        await using var redis = queue == "Redis" ? await RedisServerProcess.StartAsync() : null;
        var settings = Settings(queue, redis, maxConcurrency: 2, budget: "00:00:01");
        List<string> ranBeforeExit;
        HashSet<string> named;
        int firstExitCode;
        await using (var first = await StartAsync(settings))
        {
            using var acknowledged = await SendAllAsync(first);
            acknowledged.StatusCode.Should().Be(HttpStatusCode.OK);
            await WaitUntilAsync(() => Started(first).Count == 2, () => "two calls started and wait at the gate", first);

            first.Terminate();
            await first.WaitForLogAsync("Draining async work", Timeout);
            await File.WriteAllTextAsync(Gate, "open");
            firstExitCode = await first.WaitForExitAsync(Timeout);
            ranBeforeExit = Journal();
            named = [.. _ids.Where(id => first.Output.Any(line => NamesLeftCall(line, id)))];
        }

        await using var second = await StartAsync(settings);
        await WaitUntilAsync(() => Journal().Count >= Calls, () => $"the journal holds every call; it holds {Journal().Count}", second);
        second.Terminate();
        var secondExitCode = await second.WaitForExitAsync(Timeout);

        firstExitCode.Should().Be(0);
        ranBeforeExit.Count.Should().BeLessThan(Calls, "40 calls of 200 ms, two at a time, need 4 s, and the budget is 1 s");
        named.Should().BeEquivalentTo(_ids.Except(ranBeforeExit), "every call left in the store is logged by its tool call id");
        secondExitCode.Should().Be(0, second.Describe());
        Journal().Should().OnlyHaveUniqueItems("no call runs twice").And.BeEquivalentTo(_ids, "what the first server left runs after the restart");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Gate => Path.Combine(_folder, "gate");

    private string JournalFile => Path.Combine(_folder, "journal.txt");

    private static bool NamesLeftCall(string line, string toolCallId) =>
        line.Contains(toolCallId, StringComparison.Ordinal)
        && ServerProcess.RenderedMessage(line) is { } message
        && (message.Contains("left stored at shutdown", StringComparison.Ordinal) || message.Contains("cancelled by shutdown; it stays stored", StringComparison.Ordinal));

    // The tool call ids whose record_call started in that server, from its log.
    private static HashSet<string> Started(ServerProcess server) =>
        server.Output
            .Select(ServerProcess.RenderedMessage)
            .Where(message => message?.StartsWith(StartedPrefix, StringComparison.Ordinal) == true)
            .Select(message => message![StartedPrefix.Length..].Trim('"'))
            .ToHashSet();

    // A new connection to the server, as Flireo would open for the next webhook.
    private static async Task<bool> IsRefusedAsync(ServerProcess server)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout };
        try
        {
            using var response = await client.SendAsync(SignedWebhooks.Post("/flireo", SignedWebhooks.ToolCalls(snakeCase: true, ("tc_late", "record_call", new { })), Secret));
            return false;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    private static async Task<ServerProcess> StartAsync(Dictionary<string, string?> settings)
    {
        var plugins = await TestPlugins.GetAsync();
        var server = ServerProcess.Start(["--tools", plugins.Journal], settings);
        await server.WaitUntilStartedAsync();
        return server;
    }

    // Polls until the condition holds, bounded by the timeout; the servers' output goes into the failure.
    private static Task WaitUntilAsync(Func<bool> condition, Func<string> what, ServerProcess server)
        => Polling.WaitUntilAsync(condition, what, Timeout, server);

    private Dictionary<string, string?> Settings(string queue, RedisServerProcess? redis, int maxConcurrency, string? budget)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Flireo__WebhookSecret"] = Secret,
            ["Flireo__Server__Queue"] = queue,
            ["Flireo__AsyncTools__MaxConcurrency"] = maxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // One message carries all the calls, more than the default Flireo:MaxToolCallsPerMessage (32).
            ["Flireo__MaxToolCallsPerMessage"] = "64",
            ["Journal__File"] = JournalFile,
            ["Journal__Gate"] = Gate,
        };
        if (budget is not null)
        {
            settings["Flireo__AsyncTools__ShutdownTimeout"] = budget;
        }

        if (redis is null)
        {
            settings[ServerProcess.DataDirectoryVariable] = Path.Combine(_folder, "data");
            settings["Flireo__Sqlite__PollInterval"] = "00:00:00.100";
        }
        else
        {
            settings["Flireo__Redis__ConnectionString"] = redis.ConnectionString;
            settings["Flireo__Redis__KeyPrefix"] = "{flireo-drain-" + Guid.NewGuid().ToString("N") + "}:work";
            settings["Flireo__Redis__ClaimTimeout"] = "00:00:03";
            settings["Flireo__Redis__PollInterval"] = "00:00:00.100";
        }

        return settings;
    }

    private List<string> Journal() =>
        File.Exists(JournalFile) ? [.. File.ReadAllLines(JournalFile).Where(line => line.Length > 0)] : [];

    // One webhook carrying all forty calls, as a model that calls a tool many times in one turn.
    private async Task<HttpResponseMessage> SendAllAsync(ServerProcess server)
    {
        var calls = _ids.Select(id => (id, "record_call_after", (object?)new { milliseconds = 200 })).ToArray();
        return await server.Client.SendAsync(SignedWebhooks.Post("/flireo", SignedWebhooks.ToolCalls(snakeCase: true, calls), Secret));
    }
}
