using System.Collections.Concurrent;
using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Flireo.Tools.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class RedisToolWorkQueueTests(RedisServerFixture redis) : IAsyncLifetime
{
    private const int DeadLetteredEvent = 2016;
    private const int TookOverEvent = 2202;

    private readonly string _prefix = "{test-" + Guid.NewGuid().ToString("N") + "}:work";
    private ConnectionMultiplexer _connection = null!;

    private IDatabase Database => _connection.GetDatabase();

    public async Task InitializeAsync() => _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Enqueue_SameCallOnTwoServers_IsAcceptedOnceAndAddedOnce()
    {
        await using var first = CreateStore();
        await using var second = CreateStore();

        var results = new[]
        {
            await first.EnqueueAsync(TestItems.Create("t1")),
            await second.EnqueueAsync(TestItems.Create("t1")),
            await second.EnqueueAsync(TestItems.Create("t2")),
        };

        results.Should().Equal(ToolWorkEnqueueResult.Accepted, ToolWorkEnqueueResult.Duplicate, ToolWorkEnqueueResult.Accepted);
        (await Database.StreamLengthAsync(_prefix + ":stream")).Should().Be(2);
        (await Database.KeyTimeToLiveAsync(_prefix + ":key:" + TestItems.Create("t1").Key)).Should().BeGreaterThan(TimeSpan.FromHours(23));
    }

    [Fact]
    public async Task TwoServers_OneStopsMidWork_EveryAcknowledgedCallCompletesExactlyOnce()
    {
        const int Calls = 20;
        var completed = new ConcurrentDictionary<string, int>();
        var allCompleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Server A starts its calls and never finishes them: it is stopped mid-work and its calls are cancelled.
        var runnerA = new FakeToolWorkRunner(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        var runnerB = new FakeToolWorkRunner((item, _, _) =>
        {
            if (completed.AddOrUpdate(item.Key, 1, static (_, n) => n + 1) == 1 && completed.Count == Calls)
            {
                allCompleted.TrySetResult();
            }

            return ValueTask.FromResult(new ToolRunOutcome(ToolRunStatus.Succeeded));
        });
        using var serverA = RedisHost.Build(redis.ConnectionString, _prefix, runnerA, async: o => { o.MaxConcurrency = 2; o.ShutdownTimeout = TimeSpan.Zero; });
        using var serverB = RedisHost.Build(redis.ConnectionString, _prefix, runnerB, async: o => o.MaxConcurrency = 3);
        await serverA.StartAsync();
        var queueA = serverA.Services.GetRequiredService<IToolWorkQueue>();
        for (var i = 0; i < Calls; i++)
        {
            (await queueA.EnqueueAsync(TestItems.Create($"t{i}"), CancellationToken.None)).Should().Be(ToolWorkEnqueueResult.Accepted);
        }

        var heldByA = new[] { await runnerA.NextAttemptAsync(), await runnerA.NextAttemptAsync() };
        await serverB.StartAsync();
        await serverA.StopAsync();
        await allCompleted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await serverB.StopAsync();

        completed.Should().HaveCount(Calls).And.OnlyContain(pair => pair.Value == 1);
        runnerB.Attempts.Where(a => heldByA.Select(h => h.Key).Contains(a.Key)).Should().OnlyContain(a => a.Attempt == 1, "a call cancelled by a stop does not count as an attempt");
        (await Database.StreamLengthAsync(_prefix + ":stream")).Should().Be(0);
        (await Database.StreamLengthAsync(_prefix + ":dead")).Should().Be(0);
    }

    [Fact]
    public async Task Process_CallsPendingForADeadConsumer_AreTakenOverAfterTheClaimTimeout()
    {
        await using (var store = CreateStore())
        {
            for (var i = 0; i < 3; i++)
            {
                await store.EnqueueAsync(TestItems.Create($"t{i}"));
            }
        }

        var delivered = await Database.StreamReadGroupAsync(_prefix + ":stream", "workers", "dead-server", StreamPosition.NewMessages, 3);
        var logs = new LogProbe();
        var runner = FakeToolWorkRunner.Succeeding();
        using var survivor = RedisHost.Build(redis.ConnectionString, _prefix, runner, logs, claimTimeout: TimeSpan.FromMilliseconds(300));

        await survivor.StartAsync();
        var attempts = new[] { await runner.NextAttemptAsync(), await runner.NextAttemptAsync(), await runner.NextAttemptAsync() };
        await survivor.StopAsync();

        delivered.Should().HaveCount(3);
        attempts.Select(a => a.Key).Should().BeEquivalentTo(["call-1/t0", "call-1/t1", "call-1/t2"]);
        attempts.Should().OnlyContain(a => a.Attempt == 2, "the dead server's delivery counts as the first attempt");
        logs.Events.Should().Contain(e => e.EventId == TookOverEvent);
        (await Database.StreamPendingAsync(_prefix + ":stream", "workers")).PendingMessageCount.Should().Be(0);
        (await Database.StreamLengthAsync(_prefix + ":stream")).Should().Be(0);
    }

    [Fact]
    public async Task Process_CallThatKeepsFailing_IsRetriedThenDeadLetteredAndCanBeRetried()
    {
        var failing = 1;
        var logs = new LogProbe();
        var runner = new FakeToolWorkRunner((_, _, _) => ValueTask.FromResult(Volatile.Read(ref failing) == 1
            ? new ToolRunOutcome(ToolRunStatus.Exception, "CRM down")
            : new ToolRunOutcome(ToolRunStatus.Succeeded)));
        using var server = RedisHost.Build(redis.ConnectionString, _prefix, runner, logs, o => o.MaxRetries = 2);
        await server.StartAsync();
        await server.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);

        await logs.WaitForAsync(DeadLetteredEvent);
        var deadLetters = server.Services.GetRequiredService<IToolWorkDeadLetterStore>();
        var letters = await deadLetters.ListDeadLettersAsync(10, CancellationToken.None);
        Volatile.Write(ref failing, 0);
        var retried = await deadLetters.RetryDeadLetterAsync(letters[0].Item.Key, CancellationToken.None);
        var rerun = await SkipAsync(runner, 3);
        await server.StopAsync();

        runner.Attempts.Take(3).Should().Equal(("call-1/t1", 1), ("call-1/t1", 2), ("call-1/t1", 3));
        letters.Should().ContainSingle().Which.Should().Match<ToolWorkDeadLetter>(d =>
            d.Attempts == 3 && d.Status == ToolRunStatus.Exception && d.Error == "CRM down" && d.Item == TestItems.Create("t1", "send_sms", "call-1", default));
        retried.Should().BeTrue();
        rerun.Should().Be(("call-1/t1", 1));
        (await deadLetters.ListDeadLettersAsync(10, CancellationToken.None)).Should().BeEmpty();
        (await server.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(TestItems.Create("t1"), CancellationToken.None))
            .Should().Be(ToolWorkEnqueueResult.Duplicate, "a call retried from the dead letters is still known");
    }

    [Fact]
    public async Task Enqueue_RedisUnreachable_RefusesTheCall()
    {
        var runner = FakeToolWorkRunner.Succeeding();
        using var server = RedisHost.Build("127.0.0.1:1,connectTimeout=200,connectRetry=0", _prefix, runner);

        var result = await server.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Rejected);
    }

    private static async Task<(string Key, int Attempt)> SkipAsync(FakeToolWorkRunner runner, int skip)
    {
        for (var i = 0; i < skip; i++)
        {
            await runner.NextAttemptAsync();
        }

        return await runner.NextAttemptAsync();
    }

    private RedisToolWorkStore CreateStore() => new(
        Options.Create(new RedisToolWorkQueueOptions { ConnectionString = redis.ConnectionString, KeyPrefix = _prefix }),
        connection: null,
        TimeProvider.System,
        NullLogger.Instance);
}
