using System.Text.Json;
using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Flireo.Tools.Redis.Tests;

/// <summary>The Redis store knows a call again only when call id, tool call id, tool and arguments match; entries of the old key still run.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRetryKeyTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = "{test-" + Guid.NewGuid().ToString("N") + "}:work";
    private ConnectionMultiplexer _connection = null!;

    private IDatabase Database => _connection.GetDatabase();

    public async Task InitializeAsync() => _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Enqueue_SameIdsOtherToolOrArguments_AreAccepted_TrueRetryIsDuplicate()
    {
        await using var store = CreateStore();
        var sms = TestItems.Create("call_0");

        var results = new[]
        {
            await store.EnqueueAsync(sms),
            await store.EnqueueAsync(sms with { ToolName = "send_email" }),
            await store.EnqueueAsync(sms with { ArgumentsJson = """{"phone":"+31612345678","text":"Another text"}""" }),
            await store.EnqueueAsync(TestItems.Create("y", callId: "U/x")),
            await store.EnqueueAsync(TestItems.Create("x/y", callId: "U")),
            await store.EnqueueAsync(sms with { ArgumentsJson = "{ \"text\": \"Your table is ready\",\n  \"phone\": \"+31612345678\" }" }),
        };

        results.Should().Equal(
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Duplicate);
        (await Database.StreamLengthAsync(_prefix + ":stream")).Should().Be(5);
    }

    [Fact]
    public async Task Process_SameIdsOtherArguments_BothRun()
    {
        var runner = FakeToolWorkRunner.Succeeding();
        using var server = RedisHost.Build(redis.ConnectionString, _prefix, runner);
        await server.StartAsync();
        var queue = server.Services.GetRequiredService<IToolWorkQueue>();
        var first = TestItems.Create("call_0");

        await queue.EnqueueAsync(first, CancellationToken.None);
        await queue.EnqueueAsync(first with { ArgumentsJson = """{"phone":"+31612345678","text":"Another text"}""" }, CancellationToken.None);
        var runs = new[] { await runner.NextAttemptAsync(), await runner.NextAttemptAsync() };
        await server.StopAsync();

        runs.Should().Equal(("call-1/call_0", 1), ("call-1/call_0", 1));
    }

    [Fact]
    public async Task Process_EntryStoredUnderTheOldKey_StillRuns()
    {
        var item = TestItems.Create("t1");
        await Database.StringSetAsync(_prefix + ":key:call-1/t1", "1", TimeSpan.FromHours(24));
        await Database.StreamAddAsync(_prefix + ":stream", [new("item", OldJson(item)), new("attempts", "0")]);
        var runner = FakeToolWorkRunner.Succeeding();
        using var server = RedisHost.Build(redis.ConnectionString, _prefix, runner);

        await server.StartAsync();
        var run = await runner.NextAttemptAsync();
        await server.StopAsync();

        run.Should().Be(("call-1/t1", 1));
        (await Database.StreamLengthAsync(_prefix + ":stream")).Should().Be(0, "the finished call was acknowledged and deleted");
    }

    [Fact]
    public async Task Process_EntryStoredWithTheRawMessage_RunsWithTheContextOfANewCall()
    {
        using var webhook = StoredContexts.Webhook();
        var old = TestItems.Create("t-old", toolName: "capture_context") with { ArgumentsJson = """{"text":"hi"}""", ContextJson = webhook.Root.GetRawText(), Casing = webhook.Casing };
        await Database.StreamAddAsync(_prefix + ":stream", [new("item", OldJson(old)), new("attempts", "0")]);
        using var server = DurableQueueHost.Build<StoredContexts.ContextTools>(
            tools => tools.AddRedisToolWorkQueue(o =>
            {
                o.ConnectionString = redis.ConnectionString;
                o.KeyPrefix = _prefix;
                o.PollInterval = TimeSpan.FromMilliseconds(20);
            }),
            runner: null,
            logs: null,
            Microsoft.Extensions.Logging.LogLevel.None,
            services: s => s.AddSingleton<StoredContexts.Probe>());
        var probe = server.Services.GetRequiredService<StoredContexts.Probe>();

        await server.StartAsync();
        var stored = await probe.Contexts.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);
        await server.Services.GetRequiredService<ToolRouter>().RouteAsync(webhook, CancellationToken.None);
        var current = await probe.Contexts.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);
        await server.StopAsync();

        stored.ToolCallId.Should().Be("t-old");
        current.ToolCallId.Should().Be("t-new");
        StoredContexts.Describe(stored).Should().Be(StoredContexts.Describe(current));
        stored.IsBackground.Should().BeTrue();
        current.McpRequestId.Should().Be("41");
        current.AssistantMetadata!.Value.GetProperty("tier").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task DeadLetter_StoredUnderTheOldKey_IsListedUnderTheNewKeyAndCanBeRetriedByEither()
    {
        var item = TestItems.Create("t1");
        await AddOldDeadLetterAsync(item);
        await AddOldDeadLetterAsync(item with { ToolCallId = "t2" });
        await using var store = CreateStore();

        var letters = await store.ListDeadLettersAsync(10, CancellationToken.None);
        var byNewKey = await store.RetryDeadLetterAsync(item.Key, CancellationToken.None);
        var byOldKey = await store.DeleteDeadLetterAsync("call-1/t2", CancellationToken.None);

        letters.Select(l => l.Item.Key).Should().Equal(item.Key, (item with { ToolCallId = "t2" }).Key);
        byNewKey.Should().BeTrue();
        byOldKey.Should().BeTrue();
        (await Database.StreamLengthAsync(_prefix + ":dead")).Should().Be(0);
        (await Database.StreamLengthAsync(_prefix + ":stream")).Should().Be(1);
    }

    /// <summary>The stored form of an item as the earlier versions wrote it (<c>messageJson</c>, since renamed <c>contextJson</c>).</summary>
    private static string OldJson(ToolWorkItem item) => JsonSerializer.Serialize(new
    {
        toolName = item.ToolName,
        toolCallId = item.ToolCallId,
        callId = item.CallId,
        argumentsJson = item.ArgumentsJson,
        messageJson = item.ContextJson,
        casing = (int)item.Casing,
        enqueuedAt = item.EnqueuedAt,
    });

    private async Task AddOldDeadLetterAsync(ToolWorkItem item)
    {
        await Database.StreamAddAsync(
            _prefix + ":dead",
            [
                new("item", OldJson(item)),
                new("attempts", "4"),
                new("status", "Exception"),
                new("error", "down"),
                new("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
                new("key", item.CallId + "/" + item.ToolCallId),
            ]);
    }

    private RedisToolWorkStore CreateStore() => new(
        Options.Create(new RedisToolWorkQueueOptions { ConnectionString = redis.ConnectionString, KeyPrefix = _prefix }),
        connection: null,
        TimeProvider.System,
        NullLogger.Instance);
}
