using Flireo.Tools.Async;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Sqlite.Tests;

/// <summary>The SQLite store knows a call again only when call id, tool call id, tool and arguments match; old files are upgraded.</summary>
public sealed class SqliteRetryKeyTests : IDisposable
{
    private const string FileName = "flireo-tools-work.db";
    private readonly TestDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Enqueue_SameIdsOtherToolOrArguments_AreAccepted_TrueRetryIsDuplicate()
    {
        var store = CreateStore();
        var sms = TestItems.Create("call_0");

        var results = new[]
        {
            await store.EnqueueAsync(sms, CancellationToken.None),
            await store.EnqueueAsync(sms with { ToolName = "send_email" }, CancellationToken.None),
            await store.EnqueueAsync(sms with { ArgumentsJson = """{"phone":"+31612345678","text":"Another text"}""" }, CancellationToken.None),
            await store.EnqueueAsync(TestItems.Create("y", callId: "U/x"), CancellationToken.None),
            await store.EnqueueAsync(TestItems.Create("x/y", callId: "U"), CancellationToken.None),
            await store.EnqueueAsync(sms with { ArgumentsJson = "{ \"text\": \"Your table is ready\",\n  \"phone\": \"+31612345678\" }" }, CancellationToken.None),
        };
        var claimed = await ((IToolWorkLeaseStore)store).ClaimAsync(10, CancellationToken.None);

        results.Should().Equal(
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Duplicate);
        claimed.Should().HaveCount(5);
    }

    [Fact]
    public async Task Route_SameIdsOtherArguments_BothAreStoredAndRun()
    {
        using var host = SqliteHost.Build(_directory.Path);
        await host.StartAsync();
        var router = host.Services.GetRequiredService<ToolRouter>();
        var probe = host.Services.GetRequiredService<SmsProbe>();

        await router.RouteAsync(TestWebhooks.ToolCall("call_0", "send_sms", new { phone = "+31612345678", text = "first" }), CancellationToken.None);
        await router.RouteAsync(TestWebhooks.ToolCall("call_0", "send_sms", new { phone = "+31612345678", text = "second" }), CancellationToken.None);
        await router.RouteAsync(TestWebhooks.ToolCall("call_0", "send_sms", """{ "text": "second", "phone": "+31612345678" }"""), CancellationToken.None);
        var sent = new[]
        {
            await probe.Sent.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value),
            await probe.Sent.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value),
        };
        await host.StopAsync();

        sent.Select(s => s.Text).Should().BeEquivalentTo(["first", "second"]);
        probe.Sent.Reader.Count.Should().Be(0, "the third webhook is a retry of the second");
        CountRows("SELECT COUNT(*) FROM work_items").Should().Be(2);
    }

    [Fact]
    public async Task Open_FileOfSchemaVersion1_GivesEveryRowTheNewKeyAndLosesNothing()
    {
        var path = CreateVersion1File();
        var finished = TestItems.Create("t2");
        var dead = TestItems.Create("t4");

        var store = CreateStore();
        var leases = (IToolWorkLeaseStore)store;
        var claimed = await leases.ClaimAsync(10, CancellationToken.None);
        foreach (var lease in claimed)
        {
            await leases.CompleteAsync(lease, CancellationToken.None);
        }

        var again = await store.EnqueueAsync(finished, CancellationToken.None);
        var letters = await store.ListDeadLettersAsync(10, CancellationToken.None);
        var retried = await store.RetryDeadLetterAsync(dead.Key, CancellationToken.None);
        var rerun = await leases.ClaimAsync(10, CancellationToken.None);

        SqliteFiles.Scalar(path, "PRAGMA user_version").Should().Be(2);
        claimed.Select(l => (l.Item.CallId, l.Item.ToolCallId, l.Attempt)).Should().BeEquivalentTo([("call-1", "t1", 1), ((string?)null, "t3", 1)]);
        SqliteFiles.Scalar(path, "SELECT COUNT(*) FROM work_items WHERE state = 1").Should().Be(3, "both old waiting calls completed under their new keys, next to the old finished one");
        SqliteFiles.Scalar(path, "SELECT COUNT(*) FROM work_items WHERE key LIKE '%/%'").Should().Be(0);
        again.Should().Be(ToolWorkEnqueueResult.Duplicate, "a finished call of the old file is still known");
        letters.Should().ContainSingle().Which.Item.Key.Should().Be(dead.Key);
        retried.Should().BeTrue();
        rerun.Should().ContainSingle().Which.Item.ToolCallId.Should().Be("t4");
    }

    [Fact]
    public async Task Start_FileOfSchemaVersion1_RunsItsWaitingCalls()
    {
        CreateVersion1File();
        var runner = FakeToolWorkRunner.Succeeding();
        using var host = SqliteHost.Build(_directory.Path, runner);
        await host.StartAsync();

        var runs = new[] { await runner.NextAttemptAsync(), await runner.NextAttemptAsync() };
        await host.StopAsync();

        runs.Should().BeEquivalentTo([("call-1/t1", 1), ("t3", 1)]);
    }

    [Fact]
    public void Open_FileOfANewerSchema_IsRefused()
    {
        Directory.CreateDirectory(_directory.Path);
        Execute(Path.Combine(_directory.Path, FileName), "PRAGMA user_version = 3;");

        var open = () => CreateStore();

        open.Should().Throw<InvalidOperationException>().WithMessage("*schema version 3, newer than*(2)*");
    }

    /// <summary>Writes a queue file as version 1 of the store left it: keys "call id/tool call id" (or the tool call id alone).</summary>
    private string CreateVersion1File()
    {
        Directory.CreateDirectory(_directory.Path);
        var path = Path.Combine(_directory.Path, FileName);
        var at = _time.GetUtcNow().AddMinutes(-5).ToUnixTimeMilliseconds();
        Execute(path, $$$"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE work_items (
                key TEXT NOT NULL PRIMARY KEY, tool_name TEXT NOT NULL, tool_call_id TEXT NOT NULL, call_id TEXT NULL,
                arguments_json TEXT NOT NULL, message_json TEXT NOT NULL, casing INTEGER NOT NULL, enqueued_at INTEGER NOT NULL,
                state INTEGER NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, lease_owner TEXT NULL,
                lease_until INTEGER NULL, last_error TEXT NULL, completed_at INTEGER NULL
            ) WITHOUT ROWID;
            CREATE INDEX ix_work_items_due ON work_items (state, next_attempt_at);
            CREATE INDEX ix_work_items_completed ON work_items (state, completed_at);
            CREATE TABLE dead_letters (
                key TEXT NOT NULL PRIMARY KEY, tool_name TEXT NOT NULL, tool_call_id TEXT NOT NULL, call_id TEXT NULL,
                arguments_json TEXT NOT NULL, message_json TEXT NOT NULL, casing INTEGER NOT NULL, enqueued_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL, status TEXT NOT NULL, error TEXT NULL, dead_lettered_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO work_items VALUES ('call-1/t1', 'send_sms', 't1', 'call-1', '{"phone":"+31612345678","text":"Your table is ready"}', '{"type":"tool-calls","call":{"id":"call-1"}}', 0, {{{at}}}, 0, 0, {{{at}}}, NULL, NULL, NULL, NULL);
            INSERT INTO work_items VALUES ('call-1/t2', 'send_sms', 't2', 'call-1', '{"phone":"+31612345678","text":"Your table is ready"}', '{"type":"tool-calls","call":{"id":"call-1"}}', 0, {{{at}}}, 1, 1, {{{at}}}, NULL, NULL, NULL, {{{at}}});
            INSERT INTO work_items VALUES ('t3', 'send_sms', 't3', NULL, '{"phone":"+31612345678","text":"Your table is ready"}', '{"type":"tool-calls"}', 0, {{{at}}}, 0, 0, {{{at}}}, NULL, NULL, NULL, NULL);
            INSERT INTO dead_letters VALUES ('call-1/t4', 'send_sms', 't4', 'call-1', '{"phone":"+31612345678","text":"Your table is ready"}', '{"type":"tool-calls","call":{"id":"call-1"}}', 0, {{{at}}}, 4, 'Exception', 'down', {{{at}}});
            PRAGMA user_version = 1;
            """);
        return path;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private int CountRows(string sql) => (int)SqliteFiles.Scalar(Path.Combine(_directory.Path, FileName), sql);

    private SqliteToolWorkStore CreateStore() => new(
        Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _directory.Path, LeaseDuration = TimeSpan.FromMinutes(1), CompletedRetention = TimeSpan.FromHours(1) }),
        _time);
}
