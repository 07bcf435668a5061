using System.Text.Json;
using Flireo.Tools.Cli.Tests.TestSupport;

namespace Flireo.Tools.Cli.Tests.Commands;

public sealed class QueueCommandTests : IDisposable
{
    private static readonly DateTimeOffset FailedAt = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly DeadLetterDatabase _database = DeadLetterDatabase.Create();

    [Fact]
    public async Task DeadLetters_SqliteFolder_PrintsThemAsJsonOldestFirst()
    {
        var late = _database.AddDeadLetter("call-1", "tc-late", "send_sms", """{"to":"+4930123"}""", "SMS gateway down", 4, FailedAt.AddMinutes(5));
        var early = _database.AddDeadLetter("call-1", "tc-early", "book_table", """{"guests":4}""", "No table free", 1, FailedAt);

        var run = await CliHarness.RunAsync("queue", "dead-letters", "--data-directory", _database.Directory);

        run.ExitCode.Should().Be(0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var letters = json.RootElement.EnumerateArray().ToList();
        letters.Select(l => l.GetProperty("key").GetString()).Should().Equal(early, late);
        early.Should().StartWith("6:call-1|8:tc-early|10:book_table|", "the key names call id, tool call id and tool, then the arguments' hash");
        var first = letters[0];
        first.GetProperty("tool_name").GetString().Should().Be("book_table");
        first.GetProperty("tool_call_id").GetString().Should().Be("tc-early");
        first.GetProperty("call_id").GetString().Should().Be("call-1");
        first.GetProperty("attempts").GetInt32().Should().Be(1);
        first.GetProperty("status").GetString().Should().Be("Exception");
        first.GetProperty("error").GetString().Should().Be("No table free");
        first.GetProperty("dead_lettered_at").GetString().Should().Be("2026-03-01T09:00:00.000Z");
        first.GetProperty("arguments").GetProperty("guests").GetInt32().Should().Be(4);
        run.Error.Should().Be($"2 dead letters in {_database.DatabasePath}.\n");
    }

    [Fact]
    public async Task DeadLetters_MoreThanMax_PrintsTheOldestAndSaysThereMayBeMore()
    {
        var first = _database.AddDeadLetter("call-1", "tc-1", "send_sms", "{}", "down", 4, FailedAt);
        _database.AddDeadLetter("call-1", "tc-2", "send_sms", "{}", "down", 4, FailedAt.AddMinutes(1));

        var run = await CliHarness.RunAsync("queue", "dead-letters", "--data-directory", _database.Directory, "--max", "1");

        run.ExitCode.Should().Be(0, run.ToString());
        JsonDocument.Parse(run.Out).RootElement.EnumerateArray().Select(l => l.GetProperty("key").GetString()).Should().Equal(first);
        run.Error.Should().Contain("the first 1; raise --max for more");
    }

    [Fact]
    public async Task DeadLetters_NoFolderGiven_UsesTheServersDataDirectoryVariable()
    {
        var cli = new CliHarness();
        cli.Variables["Flireo__Server__DataDirectory"] = _database.Directory;

        var run = await cli.RunWithAsync("queue", "dead-letters");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Trim().Should().Be("[]");
        run.Error.Should().Be($"0 dead letters in {_database.DatabasePath}.\n");
    }

    [Fact]
    public async Task Retry_ExistingKey_MovesTheCallBackToTheQueue()
    {
        var retried = _database.AddDeadLetter("call-1", "tc-1", "send_sms", "{}", "down", 4, FailedAt);
        var kept = _database.AddDeadLetter("call-1", "tc-2", "send_sms", "{}", "down", 4, FailedAt);

        var run = await CliHarness.RunAsync("queue", "retry", retried, "--data-directory", _database.Directory);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Error.Should().Be($"Dead letter {retried} queued again: a server using this queue runs it from attempt 1.\n");
        var remaining = await _database.OpenStore().ListDeadLettersAsync(10, CancellationToken.None);
        remaining.Select(l => l.Item.Key).Should().Equal(kept);
        _database.CountQueued(retried).Should().Be(1);
    }

    [Fact]
    public async Task Delete_ExistingKey_RemovesItWithoutQueueingIt()
    {
        var key = _database.AddDeadLetter("call-1", "tc-1", "send_sms", "{}", "down", 4, FailedAt);

        var run = await CliHarness.RunAsync("queue", "delete", key, "--data-directory", _database.Directory);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Error.Should().Be($"Dead letter {key} deleted.\n");
        (await _database.OpenStore().ListDeadLettersAsync(10, CancellationToken.None)).Should().BeEmpty();
        _database.CountQueued(key).Should().Be(0);
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("delete")]
    public async Task RetryOrDelete_UnknownKey_ExitsWithOneNamingTheKey(string subcommand)
    {
        var run = await CliHarness.RunAsync("queue", subcommand, "call-9/missing", "--data-directory", _database.Directory);

        run.ExitCode.Should().Be(1);
        run.Out.Should().BeEmpty();
        run.Error.Should().Be($"error: No dead letter with key 'call-9/missing' in {_database.DatabasePath}; list them with 'flireo-tools queue dead-letters'.\n");
    }

    [Fact]
    public async Task DeadLetters_FolderWithoutDatabase_ExitsWithOneAndCreatesNothing()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_database.Directory, "empty")).FullName;

        var run = await CliHarness.RunAsync("queue", "dead-letters", "--data-directory", empty);

        run.ExitCode.Should().Be(1);
        run.Error.Should().StartWith($"error: No async work database at {Path.Combine(empty, "flireo-tools-work.db")}:");
        Directory.EnumerateFileSystemEntries(empty).Should().BeEmpty();
    }

    [Fact]
    public async Task DeadLetters_NoQueueNamed_ExitsWithUsageError()
    {
        var run = await CliHarness.RunAsync("queue", "dead-letters");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--data-directory").And.Contain("--redis");
    }

    [Fact]
    public async Task DeadLetters_BothSqliteAndRedis_ExitsWithUsageError()
    {
        var run = await CliHarness.RunAsync("queue", "dead-letters", "--data-directory", _database.Directory, "--redis", "localhost:6379");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("Use only one of --data-directory, --redis.");
    }

    public void Dispose() => _database.Dispose();
}
