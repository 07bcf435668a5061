using Flireo.Tools.Cli.Tests.TestSupport;

namespace Flireo.Tools.Cli.Tests.Commands;

public class ValidateCommandTests
{
    [Fact]
    public async Task Validate_BrokenLibrary_ReportsEveryStartupProblemAsErrorWithTypeAndMethod()
    {
        var run = await CliHarness.RunAsync("validate", "--assembly", TestPlugins.BrokenTools);

        run.ExitCode.Should().Be(1, run.ToString());
        var errors = Lines(run.Out).Where(l => l.Contains(": error FLT001: ", StringComparison.Ordinal)).ToList();
        errors.Should().HaveCount(4);
        errors.Should().ContainSingle(l => l.StartsWith("CliTests.BrokenTools.BrokenTools.BadName: error FLT001: The tool name 'bad name!' is invalid", StringComparison.Ordinal));
        errors.Should().ContainSingle(l => l.StartsWith("CliTests.BrokenTools.BrokenTools.CountAsync: error FLT001: The async tool returns 'Int32'", StringComparison.Ordinal));
        errors.Should().ContainSingle(l => l.StartsWith("CliTests.BrokenTools.BrokenTools.Upload: error FLT001: Parameter 'data' has an unsupported type", StringComparison.Ordinal));
        errors.Should().ContainSingle(l => l.StartsWith("CliTests.BrokenTools.DuplicateToolsB.Lookup: error FLT001: The tool name 'lookup' is already used by CliTests.BrokenTools.DuplicateToolsA.Lookup", StringComparison.Ordinal));
        run.Error.Should().Be("CliTests.BrokenTools.dll: 5 tools checked, 4 errors, 0 warnings.\n");
    }

    [Fact]
    public async Task Validate_LintLibrary_ReportsEachRuleOnItsMethodAndExitsOneForTheMissingDescription()
    {
        var run = await CliHarness.RunAsync("validate", "--assembly", TestPlugins.LintTools);

        run.ExitCode.Should().Be(1, run.ToString());
        var findings = Lines(run.Out).Select(l => l[..l.IndexOf(": ", l.IndexOf(": ", StringComparison.Ordinal) + 2, StringComparison.Ordinal)]).ToList();
        findings.Should().Equal(
            "CliTests.LintTools.LintTools.CheckTable: warning FLT108",
            "CliTests.LintTools.LintTools.ConfirmBooking: warning FLT108",
            "CliTests.LintTools.LintTools.GetWeather: error FLT101",
            "CliTests.LintTools.LintTools.GetWeather: warning FLT102",
            "CliTests.LintTools.LintTools.GetWeather: warning FLT103",
            "CliTests.LintTools.LintTools.LogEvent: warning FLT104",
            "CliTests.LintTools.LintTools.LookupOrder: warning FLT107",
            "CliTests.LintTools.LintTools.SlowLookup: warning FLT106",
            "CliTests.LintTools.LintTools.StoreNote: warning FLT104",
            "CliTests.LintTools.LintTools.StoreNote: warning FLT104",
            "CliTests.LintTools.LintTools.TagCaller: warning FLT105");
        run.Error.Should().Be("CliTests.LintTools.dll: 9 tools checked, 1 error, 10 warnings.\n");
    }

    [Fact]
    public async Task Validate_ToolWithoutDescription_IsAnErrorThatNamesTheRequirement()
    {
        var run = await CliHarness.RunAsync("validate", "--assembly", TestPlugins.LintTools);

        run.Out.Should().Contain("CliTests.LintTools.LintTools.GetWeather: error FLT101: Tool 'GetWeather' has no description; the platform's tool definition requires one");
    }

    [Fact]
    public async Task Validate_SyncToolOverThreeSecondsWithoutMessage_IsWarnedAboutDeadAir()
    {
        var run = await CliHarness.RunAsync("validate", "--assembly", TestPlugins.LintTools);

        run.Out.Should().Contain(
            "CliTests.LintTools.LintTools.LookupOrder: warning FLT107: Tool 'lookup_order' is sync and may run up to 9 s with no Message, so the caller hears silence until the result comes.");

        // A Message (slow_lookup, store_note, ...) or a time limit of 3 s (quick_answer) is no dead air.
        run.Out.Should().NotContain("Tool 'slow_lookup' is sync").And.NotContain("Tool 'quick_answer' is sync");
    }

    [Fact]
    public async Task Validate_AnnouncingOrHandOffToolWithoutApiKey_IsWarnedNamingTheSetting()
    {
        var run = await CliHarness.RunAsync("validate", "--assembly", TestPlugins.LintTools);

        run.Out.Should().Contain("CliTests.LintTools.LintTools.ConfirmBooking: warning FLT108: Tool 'confirm_booking' announces its result into the call (AnnounceResult), which needs a Flireo API key, and Flireo:Api:Key is not set here.");
        run.Out.Should().Contain("CliTests.LintTools.LintTools.CheckTable: warning FLT108: Tool 'check_table' hands off and speaks its result into the call later (HandOffAfterSeconds), which needs a Flireo API key");
        run.Out.Should().NotContain("Tool 'check_table' sets TimeoutSeconds", "a tool that hands off may run past the webhook deadline");
    }

    [Fact]
    public async Task Validate_ApiKeyFromEnvironment_SilencesTheMissingKeyWarningWithoutPrintingIt()
    {
        var cli = new CliHarness();
        cli.Variables["Flireo__Api__Key"] = "sk-secret-never-printed";

        var run = await cli.RunWithAsync("validate", "--assembly", TestPlugins.LintTools);

        run.Out.Should().NotContain("FLT108");
        (run.Out + run.Error).Should().NotContain("sk-secret-never-printed");
    }

    [Fact]
    public async Task Validate_HandOffNoSoonerThanTheSyncDeadline_IsAnError()
    {
        var cli = new CliHarness();
        cli.Variables["Flireo__SyncTimeout"] = "00:00:03";

        var run = await cli.RunWithAsync("validate", "--assembly", TestPlugins.LintTools);

        run.Out.Should().Contain("CliTests.LintTools.LintTools.CheckTable: error FLT001: The tool 'check_table' hands off after 3 seconds (HandOffAfterSeconds), which must be shorter than Flireo:SyncTimeout (3 seconds)");
    }

    [Fact]
    public async Task Validate_SyncTimeoutOfThreeSeconds_LeavesNoRoomForDeadAir()
    {
        var cli = new CliHarness();
        cli.Variables["Flireo__SyncTimeout"] = "00:00:03";

        var run = await cli.RunWithAsync("validate", "--assembly", TestPlugins.LintTools);

        run.Out.Should().NotContain("FLT107");
    }

    [Fact]
    public async Task Validate_LintLibrary_NamesTheParameterTypeAndTheSnakeCaseFix()
    {
        var run = await CliHarness.RunAsync("validate", "--assembly", TestPlugins.LintTools);

        run.Out.Should().Contain("Tool name 'GetWeather' is not snake_case. Rename it, for example [FlireoTool(\"get_weather\")].");
        run.Out.Should().Contain("Parameter 'city' of tool 'GetWeather' has no description");
        run.Out.Should().Contain("Parameter 'data' of tool 'log_event' has type 'dynamic'");
        run.Out.Should().Contain("Parameter 'payload' of tool 'store_note' has type 'object'");
        run.Out.Should().Contain("Parameter 'extra' of tool 'store_note' has type 'JsonElement'");
        run.Out.Should().Contain("cannot be made strict at 'tags': it is a dictionary with free-form keys");
        run.Out.Should().Contain("sets TimeoutSeconds = 30, but every sync call ends at the webhook deadline (Flireo:SyncTimeout = 9 s)");
    }

    [Fact]
    public async Task Validate_WarningsAsErrors_ExitsOneOnWarnings()
    {
        // A 2 s deadline makes get_opening_hours' TimeoutSeconds = 2 ineffective: one warning (FLT106), no error.
        var cli = new CliHarness();
        cli.Variables["Flireo__SyncTimeout"] = "00:00:02";

        var lenient = await cli.RunWithAsync("validate", "--assembly", TestPlugins.SampleTools);
        var strict = await cli.RunWithAsync("validate", "--assembly", TestPlugins.SampleTools, "--warnings-as-errors");

        lenient.Error.Should().Be("CliTests.SampleTools.dll: 5 tools checked, 0 errors, 1 warning.\n");
        lenient.ExitCode.Should().Be(0, lenient.ToString());
        strict.ExitCode.Should().Be(1, strict.ToString());
    }

    [Fact]
    public async Task Validate_SyncTimeoutFromEnvironment_IsTheDeadlineTheTimeoutRuleUses()
    {
        var cli = new CliHarness();
        cli.Variables["Flireo__SyncTimeout"] = "00:00:45";

        var run = await cli.RunWithAsync("validate", "--assembly", TestPlugins.LintTools);

        run.Out.Should().NotContain("FLT106");
    }

    [Fact]
    public async Task Validate_InvalidOptionsFromEnvironment_IsAOneLineError()
    {
        var cli = new CliHarness();
        cli.Variables["Flireo__SyncTimeout"] = "-00:00:01";

        var run = await cli.RunWithAsync("validate", "--assembly", TestPlugins.SampleTools);

        run.ExitCode.Should().Be(1);
        run.Error.Should().StartWith("error: The Flireo options are invalid: Flireo:SyncTimeout must be between 0 and 10 minutes");
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    [Fact]
    public async Task Validate_CleanLibrary_PrintsNothingAndExitsZero()
    {
        var run = await CliHarness.RunAsync("validate", "--assembly", TestPlugins.SampleTools, "--warnings-as-errors");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().BeEmpty();
        run.Error.Should().Be("CliTests.SampleTools.dll: 5 tools checked, 0 errors, 0 warnings.\n");
    }

    [Fact]
    public async Task Validate_AssemblyWithoutTools_ReportsAnError()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Newtonsoft.Json.dll");

        var run = await CliHarness.RunAsync("validate", "--assembly", path);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Be("Newtonsoft.Json.dll: error FLT002: 'Newtonsoft.Json.dll' has no tools: no method is marked [FlireoTool].\n");
    }

    [Fact]
    public async Task Validate_MissingFile_PrintsOneLineErrorWithoutStackTrace()
    {
        var run = await CliHarness.RunAsync("validate", "--assembly", "/nonexistent/Tools.dll");

        run.ExitCode.Should().Be(1);
        run.Out.Should().BeEmpty();
        run.Error.Should().Be("error: Tool assembly '/nonexistent/Tools.dll' was not found.\n");
    }

    [Fact]
    public async Task Validate_NotADotNetFile_PrintsOneLineError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flireo-cli-{Guid.NewGuid():N}.dll");
        await File.WriteAllTextAsync(path, "not an assembly");

        try
        {
            var run = await CliHarness.RunAsync("validate", "--assembly", path);

            run.ExitCode.Should().Be(1);
            run.Error.Should().Be($"error: '{path}' is not a .NET assembly.\n");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Validate_Verbose_AddsTheStackTrace()
    {
        var run = await CliHarness.RunAsync("validate", "--assembly", "/nonexistent/Tools.dll", "--verbose");

        run.ExitCode.Should().Be(1);
        run.Error.Should().StartWith("error: Tool assembly '/nonexistent/Tools.dll' was not found.\n");
        run.Error.Should().Contain("Flireo.Tools.FlireoToolsConfigurationException").And.Contain("   at Flireo.Tools.Loading.ToolAssemblyLoader.Load(");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "--assembly", "a.dll", "--project", "b.csproj")]
    [InlineData("validate", "--assembly")]
    [InlineData("validate", "--assembly", "a.dll", "--no-such-option")]
    public async Task Validate_UsageError_ExitsTwo(params string[] args)
    {
        var run = await CliHarness.RunAsync(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Out.Should().BeEmpty();
        run.Error.Should().StartWith("error: ").And.EndWith("Run 'flireo-tools validate --help' for usage.\n");
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
