using System.Net;
using System.Text.Json.Nodes;
using Flireo.Tools.Server.Tests.TestSupport;
using StackExchange.Redis;

namespace Flireo.Tools.Server.Tests;

/// <summary>Two real servers share one real Redis; one is killed with SIGKILL mid-work: every acknowledged call runs exactly once.</summary>
public sealed class ServerRedisFailoverTests : IDisposable
{
    private const string Secret = "failover-secret";
    private const string StartedPrefix = "record_call started for tool call ";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-failover-").FullName;

    [Fact]
    public async Task Sigkill_OneOfTwoServersOnRedisMidWork_SurvivorRunsEveryAcknowledgedCallExactlyOnce()
    {
        var plugins = await TestPlugins.GetAsync();
        await using var redis = await RedisServerProcess.StartAsync();
        var journal = Path.Combine(_folder, "journal.txt");
        var gate = Path.Combine(_folder, "gate");
        var keyPrefix = "{flireo-failover-" + Guid.NewGuid().ToString("N") + "}:work";
        var settings = new Dictionary<string, string?>
        {
            ["Flireo__WebhookSecret"] = Secret,
            ["Flireo__Server__Queue"] = "Redis",
            ["Flireo__Redis__ConnectionString"] = redis.ConnectionString,
            ["Flireo__Redis__KeyPrefix"] = keyPrefix,
            ["Flireo__Redis__ClaimTimeout"] = "00:00:03",
            ["Flireo__Redis__PollInterval"] = "00:00:00.100",
            ["Flireo__AsyncTools__MaxConcurrency"] = "64",
            ["Journal__File"] = journal,
            ["Journal__Gate"] = gate,
        };

        // 6 calls only to the one server, 6 only to the other, 4 to both at the same moment; afterwards each is sent again to the other server.
        var toOne = Enumerable.Range(0, 6).Select(i => $"tc_one_{i}").ToList();
        var toOther = Enumerable.Range(0, 6).Select(i => $"tc_other_{i}").ToList();
        var toBoth = Enumerable.Range(0, 4).Select(i => $"tc_both_{i}").ToList();
        var all = toOne.Concat(toOther).Concat(toBoth).ToList();
        await using var one = ServerProcess.Start(["--tools", plugins.Journal], settings);
        await using var other = ServerProcess.Start(["--tools", plugins.Journal], settings);
        await Task.WhenAll(one.WaitUntilStartedAsync(), other.WaitUntilStartedAsync());

        var first = await Task.WhenAll(
            toOne.Select(id => SendAsync(one, id))
                .Concat(toOther.Select(id => SendAsync(other, id)))
                .Concat(toBoth.SelectMany(id => new[] { SendAsync(one, id), SendAsync(other, id) })));
        var resent = await Task.WhenAll(toOne.Select(id => SendAsync(other, id)).Concat(toOther.Select(id => SendAsync(one, id))));
        await WaitUntilAsync(() => Started(one).Concat(Started(other)).ToHashSet().SetEquals(all), () => "every call started on one of the servers", one, other);

        // Either server may have taken any call from the stream: the one holding more of them (at least 8 of 16) is killed.
        var (doomed, survivor) = Started(one).Count >= Started(other).Count ? (one, other) : (other, one);
        var heldByDoomed = Started(doomed);
        doomed.Kill();
        await doomed.WaitForExitAsync(Timeout);
        var afterKill = await Task.WhenAll(all.Select(id => SendAsync(survivor, id)));
        var ranBeforeGate = File.Exists(journal);
        await File.WriteAllTextAsync(gate, "open");
        await WaitUntilAsync(() => Journal(journal).ToHashSet().SetEquals(all), () => $"the journal recorded every call; it holds [{string.Join(", ", Journal(journal))}]", survivor, doomed);
        await WaitUntilDrainedAsync(redis.ConnectionString, keyPrefix, survivor);
        survivor.Terminate();
        var exitCode = await survivor.WaitForExitAsync(Timeout);

        first.Concat(resent).Concat(afterKill).Should().OnlyContain(ack => ack.Acknowledged, "Redis was up, so every call, new or repeated, is acknowledged");
        ranBeforeGate.Should().BeFalse("the tool waits for the gate, which opened only after the kill");
        heldByDoomed.Should().HaveCountGreaterThanOrEqualTo(all.Count / 2, "the killed server holds calls in flight when it dies");
        Started(survivor).Should().Contain(heldByDoomed, "the survivor takes over the calls the killed server had started");
        survivor.Output.Should().Contain(line => (ServerProcess.RenderedMessage(line) ?? string.Empty).StartsWith("Took over", StringComparison.Ordinal), "the calls came back through XAUTOCLAIM");
        Journal(journal).Should().OnlyHaveUniqueItems("no call runs twice").And.BeEquivalentTo(all, "each acknowledged call runs exactly once, whichever server it was sent to and however often");
        exitCode.Should().Be(0, survivor.Describe());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // One webhook with one record_call; the call id is fixed per tool call id, so a resend is the same call, as Flireo retries it.
    private static async Task<(string Id, bool Acknowledged)> SendAsync(ServerProcess server, string toolCallId)
    {
        var body = JsonNode.Parse(SignedWebhooks.ToolCalls(snakeCase: true, (toolCallId, "record_call", new { })))!;
        body["message"]!["call"]!["id"] = "call-" + toolCallId;
        using var response = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body.ToJsonString(), Secret));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (toolCallId, false);
        }

        var results = SignedWebhooks.Results(await response.Content.ReadAsStringAsync());
        return (toolCallId, results is [{ Error: null, Result: not null } result] && result.Id == toolCallId);
    }

    // The tool call ids whose record_call started in that server, from its log.
    private static HashSet<string> Started(ServerProcess server) =>
        server.Output
            .Select(ServerProcess.RenderedMessage)
            .Where(message => message?.StartsWith(StartedPrefix, StringComparison.Ordinal) == true)
            .Select(message => message![StartedPrefix.Length..].Trim('"'))
            .ToHashSet();

    private static List<string> Journal(string journal) =>
        File.Exists(journal) ? [.. File.ReadAllLines(journal).Where(line => line.Length > 0)] : [];

    // Polls until the condition holds, bounded by the timeout; the servers' output goes into the failure.
    private static Task WaitUntilAsync(Func<bool> condition, Func<string> what, params ServerProcess[] servers)
        => Polling.WaitUntilAsync(condition, what, Timeout, servers);

    // Waits until nothing is left that could run again: the stream, its pending entries and the retries are empty.
    private static async Task WaitUntilDrainedAsync(string connectionString, string keyPrefix, ServerProcess server)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var database = connection.GetDatabase();
        using var timeout = new CancellationTokenSource(Timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            var stream = await database.StreamLengthAsync(keyPrefix + ":stream");
            var pending = await database.StreamPendingAsync(keyPrefix + ":stream", "workers");
            var retries = await database.SortedSetLengthAsync(keyPrefix + ":retry");
            var dead = await database.StreamLengthAsync(keyPrefix + ":dead");
            if (stream == 0 && pending.PendingMessageCount == 0 && retries == 0)
            {
                dead.Should().Be(0, "no call failed");
                return;
            }

            try
            {
                await poll.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Redis still held work after {Timeout}: stream {stream}, pending {pending.PendingMessageCount}, retries {retries}.{server.Describe()}");
            }
        }
    }
}
