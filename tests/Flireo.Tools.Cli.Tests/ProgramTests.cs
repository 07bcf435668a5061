using Flireo.Tools.Cli.Tests.TestSupport;

namespace Flireo.Tools.Cli.Tests;

public class ProgramTests
{
    [Fact]
    public async Task Run_NoCommand_IsAUsageError()
    {
        var run = await CliHarness.RunAsync();

        run.ExitCode.Should().Be(2);
        run.Error.Should().Be("error: Required command was not provided.\nRun 'flireo-tools --help' for usage.\n");
    }

    [Fact]
    public async Task Run_UnknownCommand_IsAUsageError()
    {
        var run = await CliHarness.RunAsync("publish");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("publish");
    }

    [Fact]
    public async Task Run_Help_ListsTheCommandsOnStandardOutput()
    {
        var run = await CliHarness.RunAsync("--help");

        run.ExitCode.Should().Be(0);
        run.Out.Should().Contain("flireo-tools").And.Contain("validate").And.Contain("invoke").And.Contain("sign");
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_WithTextWriters_WritesToThem()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await Program.RunAsync(["validate"], output, error);

        exitCode.Should().Be(2);
        error.ToString().Should().StartWith("error: Name what to run against");
    }
}
