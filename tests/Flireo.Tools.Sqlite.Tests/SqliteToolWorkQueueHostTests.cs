using Flireo.Tools.Async;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Sqlite.Tests;

public sealed class SqliteToolWorkQueueHostTests : IDisposable
{
    private const int DeadLetteredEvent = 2016;
    private const int ReleasedEvent = 2018;
    private const int DrainedEvent = 2013;
    private const int LeftStoredEvent = 2021;
    private const int StoreRefusedEvent = 2023;

    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Route_AsyncToolCall_IsStoredBeforeTheAnswerAndRunsOnceEvenWhenSentTwice()
    {
        using var host = SqliteHost.Build(_directory.Path);
        await host.StartAsync();
        var router = host.Services.GetRequiredService<ToolRouter>();
        var probe = host.Services.GetRequiredService<SmsProbe>();
        var arguments = new { phone = "+31612345678", text = "Your table is ready" };

        var answer = await router.RouteAsync(TestWebhooks.ToolCall("sms-1", "send_sms", arguments), CancellationToken.None);
        var storedWhenAnswered = CountRows("SELECT COUNT(*) FROM work_items WHERE call_id = 'call-1' AND tool_call_id = 'sms-1'");
        var sent = await probe.Sent.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);
        var retriedAnswer = await router.RouteAsync(TestWebhooks.ToolCall("sms-1", "send_sms", arguments), CancellationToken.None);
        await host.StopAsync();

        answer.Results.Should().ContainSingle().Which.Error.Should().BeNull();
        retriedAnswer.Results.Should().ContainSingle().Which.Error.Should().BeNull();
        storedWhenAnswered.Should().Be(1);
        sent.Should().Be(("sms-1", "+31612345678", "Your table is ready"));
        probe.Sent.Reader.Count.Should().Be(0, "the retried webhook must not run the tool again");
        CountRows("SELECT COUNT(*) FROM work_items WHERE state = 1").Should().Be(1);
    }

    [Fact]
    public async Task Start_CallsAcceptedByAProcessThatDiedBeforeRunningThem_RunAfterTheRestart()
    {
        var crashed = new SqliteToolWorkStore(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path }));
        await crashed.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        await crashed.EnqueueAsync(TestItems.Create("t2"), CancellationToken.None);
        var runner = FakeToolWorkRunner.Succeeding();
        using var restarted = SqliteHost.Build(_directory.Path, runner);

        await restarted.StartAsync();
        var first = await runner.NextAttemptAsync();
        var second = await runner.NextAttemptAsync();
        await restarted.StopAsync();

        new[] { first, second }.Should().BeEquivalentTo([("call-1/t1", 1), ("call-1/t2", 1)]);
        restarted.Services.GetRequiredService<IToolWorkQueueStatus>().Count.Should().Be(0);
    }

    [Fact]
    public async Task Process_CallThatKeepsFailing_IsRetriedThenDeadLetteredWithItsError()
    {
        var logs = new LogProbe();
        var runner = FakeToolWorkRunner.Always(ToolRunStatus.Exception, "SMS gateway down");
        using var deadLettered = new MetricCollector<long>(null, "Flireo.Tools", "flireo.tools.async.dead_lettered");
        using var host = SqliteHost.Build(_directory.Path, runner, logs, o => o.MaxRetries = 2);
        await host.StartAsync();

        await host.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(TestItems.Create("t1", toolName: "sms_dead_letter"), CancellationToken.None);
        await logs.WaitForAsync(DeadLetteredEvent);
        await host.StopAsync();

        runner.Attempts.Should().Equal(("call-1/t1", 1), ("call-1/t1", 2), ("call-1/t1", 3));
        var letters = await host.Services.GetRequiredService<IToolWorkDeadLetterStore>().ListDeadLettersAsync(10, CancellationToken.None);
        letters.Should().ContainSingle().Which.Should().Match<ToolWorkDeadLetter>(d => d.Attempts == 3 && d.Error == "SMS gateway down" && d.Item.ToolName == "sms_dead_letter");
        var status = host.Services.GetRequiredService<IToolWorkQueueStatus>();
        (status.Count, status.DeadLetterCount).Should().Be((0, 1));
        deadLettered.GetMeasurementSnapshot().Where(m => Equals(m.Tags["tool"], "sms_dead_letter")).Should().ContainSingle()
            .Which.Tags["outcome"].Should().Be("Exception");
    }

    [Fact]
    public async Task RetryDeadLetter_InARunningHost_RunsTheCallAgainFromAttemptOne()
    {
        var logs = new LogProbe();
        var failFirst = 1;
        var runner = new FakeToolWorkRunner((_, _, _) => ValueTask.FromResult(Interlocked.Exchange(ref failFirst, 0) == 1
            ? new ToolRunOutcome(ToolRunStatus.UnknownTool, "Unknown tool 'send_sms'.")
            : new ToolRunOutcome(ToolRunStatus.Succeeded)));
        using var host = SqliteHost.Build(_directory.Path, runner, logs);
        await host.StartAsync();
        await host.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        await logs.WaitForAsync(DeadLetteredEvent);

        var retried = await host.Services.GetRequiredService<IToolWorkDeadLetterStore>().RetryDeadLetterAsync(TestItems.Create("t1").Key, CancellationToken.None);
        await runner.NextAttemptAsync();
        var again = await runner.NextAttemptAsync();
        await host.StopAsync();

        retried.Should().BeTrue();
        again.Should().Be(("call-1/t1", 1));
        CountRows("SELECT COUNT(*) FROM work_items WHERE state = 1").Should().Be(1);
        CountRows("SELECT COUNT(*) FROM dead_letters").Should().Be(0);
    }

    [Fact]
    public async Task Stop_WhileACallRuns_WaitsForItToFinish()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeToolWorkRunner(async (_, _, _) =>
        {
            await gate.Task;
            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        using var host = SqliteHost.Build(_directory.Path, runner);
        await host.StartAsync();
        await host.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        await runner.NextAttemptAsync();

        var stop = host.StopAsync();
        var stoppedBeforeTheCallFinished = stop.IsCompleted;
        gate.SetResult();
        await stop.WaitAsync(TestTimeout.Value);

        stoppedBeforeTheCallFinished.Should().BeFalse();
        CountRows("SELECT COUNT(*) FROM work_items WHERE state = 1").Should().Be(1);
    }

    [Fact]
    public async Task Stop_CallsQueuedBehindTheRunningOne_AllRunBeforeTheStopEnds()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeToolWorkRunner(async (_, _, _) =>
        {
            await gate.Task;
            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        var logs = new LogProbe();
        using var host = SqliteHost.Build(_directory.Path, runner, logs, o => o.MaxConcurrency = 1);
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IToolWorkQueue>();
        for (var i = 0; i < 5; i++)
        {
            await queue.EnqueueAsync(TestItems.Create($"t{i}"), CancellationToken.None);
        }

        await runner.NextAttemptAsync();

        var stop = host.StopAsync();
        gate.SetResult();
        await stop.WaitAsync(TestTimeout.Value);

        runner.Attempts.Select(a => a.Key).Should().BeEquivalentTo(["call-1/t0", "call-1/t1", "call-1/t2", "call-1/t3", "call-1/t4"], "the stop keeps taking queued calls until none is left");
        CountRows("SELECT COUNT(*) FROM work_items WHERE state = 1").Should().Be(5);
        logs.Events.Should().NotContain(e => e.EventId == LeftStoredEvent);
        logs.Events.Should().Contain(e => e.EventId == DrainedEvent);
    }

    [Fact]
    public async Task Stop_DrainBudgetEnds_EveryCallLeftInTheStoreIsLoggedByToolCallId()
    {
        var runner = new FakeToolWorkRunner(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        var logs = new LogProbe();
        string running;
        using (var host = SqliteHost.Build(_directory.Path, runner, logs, o => { o.MaxConcurrency = 1; o.ShutdownTimeout = TimeSpan.Zero; }))
        {
            await host.StartAsync();
            var queue = host.Services.GetRequiredService<IToolWorkQueue>();
            for (var i = 0; i < 3; i++)
            {
                await queue.EnqueueAsync(TestItems.Create($"t{i}"), CancellationToken.None);
            }

            running = (await runner.NextAttemptAsync()).Key["call-1/".Length..];
            await host.StopAsync().WaitAsync(TestTimeout.Value);
        }

        var waiting = new[] { "t0", "t1", "t2" }.Where(id => id != running).ToList();
        var released = logs.Events.Where(e => e.EventId == ReleasedEvent).Select(e => e.Message).ToList();
        var left = logs.Events.Where(e => e.EventId == LeftStoredEvent).Select(e => e.Message).ToList();
        released.Should().ContainSingle().Which.Should().Contain($"call {running} ");
        left.Should().HaveCount(2).And.Contain(m => m.Contains($"call {waiting[0]} ", StringComparison.Ordinal)).And.Contain(m => m.Contains($"call {waiting[1]} ", StringComparison.Ordinal));
        CountRows("SELECT COUNT(*) FROM work_items WHERE state = 0 AND lease_owner IS NULL").Should().Be(3, "all three stay stored to run after a restart");
    }

    [Fact]
    public async Task Stop_DrainTimesOut_ReleasesTheRunningCallToRunAgainAfterTheRestart()
    {
        var logs = new LogProbe();
        var runner = new FakeToolWorkRunner(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new ToolRunOutcome(ToolRunStatus.Succeeded);
        });
        using (var host = SqliteHost.Build(_directory.Path, runner, logs, o => o.ShutdownTimeout = TimeSpan.Zero))
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<IToolWorkQueue>().EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
            await runner.NextAttemptAsync();
            await host.StopAsync().WaitAsync(TestTimeout.Value);
        }

        var nextRunner = FakeToolWorkRunner.Succeeding();
        using var restarted = SqliteHost.Build(_directory.Path, nextRunner);
        await restarted.StartAsync();
        var rerun = await nextRunner.NextAttemptAsync();
        await restarted.StopAsync();

        logs.Events.Should().Contain(e => e.EventId == ReleasedEvent && e.Message.Contains("t1", StringComparison.Ordinal));
        rerun.Should().Be(("call-1/t1", 1), "an attempt cut short by the shutdown does not count");
    }

    [Fact]
    public async Task Process_CallWhoseProcessesDiedOnEveryAttempt_IsDeadLetteredWithoutRunningAgain()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var crashing = (IToolWorkLeaseStore)new SqliteToolWorkStore(
            Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path, LeaseDuration = TimeSpan.FromMinutes(1) }), time);
        await ((SqliteToolWorkStore)crashing).EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            (await crashing.ClaimAsync(1, CancellationToken.None)).Should().ContainSingle();
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var logs = new LogProbe();
        var runner = FakeToolWorkRunner.Succeeding();
        using var host = SqliteHost.Build(_directory.Path, runner, logs, o => o.MaxRetries = 1);
        await host.StartAsync();
        await logs.WaitForAsync(DeadLetteredEvent);
        await host.StopAsync();

        runner.Attempts.Should().BeEmpty();
        var letter = (await host.Services.GetRequiredService<IToolWorkDeadLetterStore>().ListDeadLettersAsync(1, CancellationToken.None)).Single();
        letter.Attempts.Should().Be(3);
        letter.Error.Should().Contain("never finished");
    }

    [Fact]
    public async Task AddSqliteToolWorkQueue_AfterAddFlireoTools_ReplacesTheInMemoryStoreOnTheOneProcessor()
    {
        var logs = new LogProbe();
        using var host = SqliteHost.Build(_directory.Path, FakeToolWorkRunner.Succeeding(), logs);

        await host.StartAsync();
        await host.StopAsync();

        host.Services.GetRequiredService<IToolWorkQueue>().GetType().Name.Should().Be("DurableToolWorkQueue");
        host.Services.GetRequiredService<IToolWorkQueueStatus>().Should().BeSameAs(host.Services.GetRequiredService<IToolWorkQueue>());
        host.Services.GetRequiredService<IToolWorkLeaseStore>().Should().BeOfType<SqliteToolWorkStore>()
            .Which.DatabasePath.Should().Be(Path.Combine(_directory.Path, "flireo-tools-work.db"));
        host.Services.GetRequiredService<IToolWorkDeadLetterStore>().Should().NotBeNull();
        host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Count(s => s.GetType().Name == "DurableToolWorkProcessor").Should().Be(1);
        logs.Events.Where(e => e.EventId == 2015).Should().ContainSingle("one processor runs, on the SQLite store")
            .Which.Message.Should().Contain("SqliteToolWorkStore");
    }

    [Fact]
    public async Task Enqueue_DatabaseCannotBeWritten_RefusesTheCall()
    {
        var logs = new LogProbe();
        using var host = SqliteHost.Build(_directory.Path, FakeToolWorkRunner.Succeeding(), logs);
        var queue = host.Services.GetRequiredService<IToolWorkQueue>();
        await host.Services.GetRequiredService<IToolWorkLeaseStore>().OpenAsync(CancellationToken.None);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "flireo-tools-work.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE work_items";
            await command.ExecuteNonQueryAsync();
        }

        var result = await queue.EnqueueAsync(TestItems.Create("t1"), CancellationToken.None);

        result.Should().Be(ToolWorkEnqueueResult.Rejected);
        logs.Events.Should().Contain(e => e.EventId == StoreRefusedEvent && e.Level == LogLevel.Error && e.Message.Contains("SqliteToolWorkStore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddSqliteToolWorkQueue_InvalidOptions_StopsTheHostAtStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFlireoTools(o => o.WebhookSecret = "s").AddTools<SmsTools>()
            .AddSqliteToolWorkQueue(o => { o.DataDirectory = _directory.Path; o.PollInterval = TimeSpan.Zero; });
        builder.Services.AddSingleton<SmsProbe>();
        using var host = builder.Build();

        var start = () => host.StartAsync();

        await start.Should().ThrowAsync<OptionsValidationException>().WithMessage("*PollInterval*");
    }

    private int CountRows(string sql) => (int)SqliteFiles.Scalar(Path.Combine(_directory.Path, "flireo-tools-work.db"), sql);
}
