using System.Text.Json;
using Flireo.Tools.Cli.Loading;
using Flireo.Tools.Cli.Tests.TestSupport;
using Flireo.Tools.Testing;

namespace Flireo.Tools.Cli.Tests.Commands;

public class ExportCommandTests
{
    [Fact]
    public async Task Export_SampleTools_MatchesTheGoldenFile()
    {
        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Error.Should().BeEmpty();
        DefinitionsSnapshot.AssertJsonMatches(run.Out, "../Golden/sample-tools.json");
    }

    [Fact]
    public async Task Export_SampleToolsStrictOpenAICamelWithPerToolUrls_MatchesTheGoldenFile()
    {
        var run = await CliHarness.RunAsync(
            "export", "--assembly", TestPlugins.SampleTools, "--strict", "--shape", "openai", "--naming", "camel",
            "--base-url", "https://tools.example.com/", "--webhook-path", "hooks/flireo", "--per-tool-urls");

        run.ExitCode.Should().Be(0, run.ToString());
        DefinitionsSnapshot.AssertJsonMatches(run.Out, "../Golden/sample-tools.openai-strict.json");
    }

    [Fact]
    public async Task Export_SyncAndAsyncTools_WriteTheirMessageInBothNamings()
    {
        foreach (var naming in new[] { "snake", "camel" })
        {
            var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools, "--naming", naming);

            run.ExitCode.Should().Be(0, run.ToString());
            var tools = Tools(run.Out);
            tools["check_availability"].GetProperty("message").GetString().Should().Be("Let me check the book.", naming);
            tools["send_confirmation_sms"].GetProperty("message").GetString().Should().Be("I will text you the confirmation.", naming);
            tools["get_opening_hours"].TryGetProperty("message", out _).Should().BeFalse(naming);
            run.Out.Should().NotContain("async_response").And.NotContain("asyncResponse");
        }
    }

    [Theory]
    [InlineData("snake", "async_response", "asyncResponse")]
    [InlineData("camel", "asyncResponse", "async_response")]
    public async Task Export_LegacyAsyncResponse_AlsoWritesTheLegacyKeyWithTheSameText(string naming, string key, string otherKey)
    {
        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools, "--naming", naming, "--legacy-async-response");

        run.ExitCode.Should().Be(0, run.ToString());
        var tools = Tools(run.Out);
        tools["send_confirmation_sms"].GetProperty(key).GetString().Should().Be("I will text you the confirmation.");
        tools["check_availability"].GetProperty(key).GetString().Should().Be("Let me check the book.");
        tools["check_availability"].GetProperty("message").GetString().Should().Be("Let me check the book.");
        tools["get_opening_hours"].TryGetProperty(key, out _).Should().BeFalse();
        run.Out.Should().NotContain(otherKey);
    }

    [Fact]
    public async Task Export_OpenAIShapeWithMessages_SaysOnStandardErrorThatTheyAreLeftOut()
    {
        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools, "--shape", "openai");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().NotContain("\"message\"");
        run.Error.Should().Be("note: the openai shape has no place for a tool's message, so it is left out for book_table, cancel_booking, check_availability, send_confirmation_sms; use --shape flat to keep it.\n");
    }

    [Fact]
    public async Task Export_ToolWithoutDescription_IsRefusedNamingTheTool()
    {
        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.LintTools);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().BeEmpty();
        run.Error.Should().Be(
            "error: CliTests.LintTools.dll: 1 tool has no description, which the platform's tool definition requires: GetWeather. "
            + "Set Description on [FlireoTool], or pass --allow-missing-descriptions to export them with an empty one.\n");
    }

    [Fact]
    public async Task Export_AllowMissingDescriptions_WritesAnEmptyDescription()
    {
        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.LintTools, "--allow-missing-descriptions");

        run.ExitCode.Should().Be(0, run.ToString());
        var tools = Tools(run.Out);
        tools["GetWeather"].GetProperty("description").GetString().Should().BeEmpty();
        tools["store_note"].GetProperty("description").GetString().Should().Be("Stores a note about the caller.");
    }

    [Fact]
    public async Task Export_RestaurantExample_EqualsItsCommittedDefinitions()
    {
        var committed = Path.Combine(TestPlugins.RepositoryRoot, "examples", "Flireo.Examples.Restaurant", "definitions.json");

        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.RestaurantExample);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Be((await File.ReadAllTextAsync(committed)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Export_TwoRuns_AreByteForByteEqualAndOrderedByName()
    {
        var first = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools, "--base-url", "https://tools.example.com");
        var second = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools, "--base-url", "https://tools.example.com");

        second.Out.Should().Be(first.Out);
        Names(first.Out).Should().Equal("book_table", "cancel_booking", "check_availability", "get_opening_hours", "send_confirmation_sms");
    }

    [Fact]
    public async Task Export_ServiceParameter_IsNotInTheSchema()
    {
        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools);

        using var document = JsonDocument.Parse(run.Out);
        var cancel = document.RootElement.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "cancel_booking");
        cancel.GetProperty("parameters").GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().Equal("reference");
    }

    [Fact]
    public async Task Export_Output_WritesTheFileAndReportsOnStandardError()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"flireo-cli-{Guid.NewGuid():N}");
        var file = Path.Combine(directory, "nested", "tools.json");
        var stdout = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools);

        try
        {
            var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools, "--output", file);

            run.ExitCode.Should().Be(0, run.ToString());
            run.Out.Should().BeEmpty();
            run.Error.Should().Be($"CliTests.SampleTools.dll: wrote 5 tool definitions to {file}.\n");
            (await File.ReadAllBytesAsync(file)).Should().Equal(CliHarness.Utf8(stdout.Out));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Export_BrokenLibrary_ListsEveryProblemWithoutAStackTrace()
    {
        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.BrokenTools);

        run.ExitCode.Should().Be(1);
        run.Out.Should().BeEmpty();
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("error: 4 problems with the Flireo tools:");
        lines.Skip(1).Should().HaveCount(4).And.OnlyContain(l => l.StartsWith("  - CliTests.BrokenTools.", StringComparison.Ordinal));
        lines.Should().ContainSingle(l => l.Contains("The tool name 'lookup' is already used by CliTests.BrokenTools.DuplicateToolsA.Lookup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_AssemblyWithoutTools_IsAOneLineError()
    {
        var run = await CliHarness.RunAsync("export", "--assembly", Path.Combine(AppContext.BaseDirectory, "Newtonsoft.Json.dll"));

        run.ExitCode.Should().Be(1);
        run.Error.Should().Be("error: 'Newtonsoft.Json.dll' has no tools: no method is marked [FlireoTool].\n");
    }

    [Fact]
    public async Task Export_MissingAssembly_IsAOneLineError()
    {
        var run = await CliHarness.RunAsync("export", "--assembly", "missing/Tools.dll");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Be("error: Tool assembly 'missing/Tools.dll' was not found.\n");
    }

    [Theory]
    [InlineData("--base-url", "tools.example.com")]
    [InlineData("--base-url", "ftp://tools.example.com")]
    [InlineData("--shape", "nested")]
    [InlineData("--naming", "kebab")]
    public async Task Export_BadOptionValue_IsAUsageError(string option, string value)
    {
        var run = await CliHarness.RunAsync("export", "--assembly", TestPlugins.SampleTools, option, value);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Out.Should().BeEmpty();
        run.Error.Should().Contain(value);
    }

    [Fact]
    public async Task Export_ProjectBuildFails_ReportsTheFirstCompilerError()
    {
        var folder = Directory.CreateTempSubdirectory("flireo-cli-broken-").FullName;
        try
        {
            var project = Path.Combine(folder, "Broken.csproj");
            await File.WriteAllTextAsync(project, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
            await File.WriteAllTextAsync(Path.Combine(folder, "Tools.cs"), "public static class Tools { public static int Broken() => ; }");

            var run = await CliHarness.RunAsync("export", "--project", project);

            run.ExitCode.Should().Be(1, run.ToString());
            run.Out.Should().BeEmpty();
            run.Error.Should().StartWith("Building Broken.csproj (Release) with 'dotnet build'...\n")
                .And.Contain($"error: Building '{project}' failed (dotnet build exited with 1): ")
                .And.Contain("error CS1525");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Export_MissingProject_IsAOneLineError()
    {
        var run = await CliHarness.RunAsync("export", "--project", "nowhere/Tools.csproj");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Be("error: Project 'nowhere/Tools.csproj' was not found.\n");
    }

    [Fact]
    public async Task Export_ProjectWithDotnetBuild_BuildsTheRealProject()
    {
        var project = TestPlugins.ProjectFile("CliTests.SampleTools");

        var run = await CliHarness.RunAsync("export", "--project", project, "--configuration", TestPlugins.Configuration);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Error.Should().Be($"Building CliTests.SampleTools.csproj ({TestPlugins.Configuration}) with 'dotnet build'...\n");
        Names(run.Out).Should().HaveCount(5);
    }

    private static List<string> Names(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
    }

    private static Dictionary<string, JsonElement> Tools(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.Clone());
    }
}
