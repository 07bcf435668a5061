using System.Text.Json;
using Flireo.Tools.Cli.Tests.TestSupport;

namespace Flireo.Tools.Cli.Tests.Commands;

public class InvokeInProcessTests
{
    [Fact]
    public async Task Invoke_Assembly_RunsTheToolWithThePluginsServices()
    {
        var run = await CliHarness.RunAsync(
            "invoke", "--assembly", TestPlugins.SampleTools, "--tool", "check_availability",
            "--args", """{"date":"2026-05-01","guests":4,"seating":"Terrace"}""", "--tool-call-id", "tool_7");

        run.ExitCode.Should().Be(0, run.ToString());
        Compact(run.Out).Should().Be("""{"results":[{"toolCallId":"tool_7","result":{"date":"2026-05-01","guests":4,"freeTables":2}}]}""");
        run.Error.Should().MatchRegex(@"^CliTests\.SampleTools\.dll: ran 'check_availability' in-process in \d+ ms\n$");
    }

    [Fact]
    public async Task Invoke_AssemblySnakeCase_AnswersWithTheSnakeCaseId()
    {
        var run = await CliHarness.RunAsync(
            "invoke", "--assembly", TestPlugins.SampleTools, "--tool", "get_opening_hours", "--args", """{"day":"Monday"}""", "--tool-call-id", "t1", "--snake-case");

        run.ExitCode.Should().Be(0, run.ToString());
        Compact(run.Out).Should().Be("""{"results":[{"tool_call_id":"t1","result":"Closed on Mondays."}]}""");
    }

    [Fact]
    public async Task Invoke_AssemblyToolReturnsError_PrintsItAndExitsOne()
    {
        var run = await CliHarness.RunAsync(
            "invoke", "--assembly", TestPlugins.SampleTools, "--tool", "cancel_booking", "--args", """{"reference":"B-9"}""", "--tool-call-id", "t1");

        run.ExitCode.Should().Be(1, run.ToString());
        Compact(run.Out).Should().Be("""{"results":[{"toolCallId":"t1","result":"No booking B-9.","error":"No booking B-9."}]}""");
        run.Error.Should().EndWith("error: tool call t1 failed: No booking B-9.\n");
    }

    [Fact]
    public async Task Invoke_AssemblyAsyncTool_IsAcknowledgedAndRunsBeforeTheCommandEnds()
    {
        var outbox = Path.Combine(Path.GetTempPath(), $"flireo-cli-outbox-{Guid.NewGuid():N}.txt");
        var cli = new CliHarness();
        cli.Variables["Sample__OutboxFile"] = outbox;

        try
        {
            var run = await cli.RunWithAsync(
                "invoke", "--assembly", TestPlugins.SampleTools, "--tool", "send_confirmation_sms",
                "--args", """{"phone":"+31612345678","text":"See you Friday"}""", "--tool-call-id", "t1");

            run.ExitCode.Should().Be(0, run.ToString());
            Compact(run.Out).Should().Be("""{"results":[{"toolCallId":"t1","result":"I will text you the confirmation."}]}""");
            (await File.ReadAllTextAsync(outbox)).Should().Be("+31612345678: See you Friday\n");
        }
        finally
        {
            File.Delete(outbox);
        }
    }

    [Fact]
    public async Task Invoke_AssemblyBadArguments_NamesTheParameter()
    {
        var run = await CliHarness.RunAsync(
            "invoke", "--assembly", TestPlugins.SampleTools, "--tool", "check_availability", "--args", """{"date":"2026-05-01","guests":99}""", "--tool-call-id", "t1");

        run.ExitCode.Should().Be(1);
        run.Out.Should().Contain("guests");
    }

    [Fact]
    public async Task Invoke_AssemblyUnknownTool_ListsTheAvailableTools()
    {
        var run = await CliHarness.RunAsync("invoke", "--assembly", TestPlugins.SampleTools, "--tool", "nope");

        run.ExitCode.Should().Be(1);
        run.Out.Should().Contain("Unknown tool 'nope'. Available tools: book_table, cancel_booking, check_availability, get_opening_hours, send_confirmation_sms.");
    }

    [Fact]
    public async Task Invoke_BrokenAssembly_PrintsTheStartupProblemsAndExitsOne()
    {
        var run = await CliHarness.RunAsync("invoke", "--assembly", TestPlugins.BrokenTools, "--tool", "lookup");

        run.ExitCode.Should().Be(1);
        run.Out.Should().BeEmpty();
        run.Error.Should().StartWith("error: 4 problems with the Flireo tools:").And.NotContain(" at Flireo.");
    }

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
