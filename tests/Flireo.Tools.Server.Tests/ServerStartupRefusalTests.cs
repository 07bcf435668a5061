using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>The real server refuses to start, with one clear line on stderr and a non-zero exit code, when its setup is wrong.</summary>
public sealed class ServerStartupRefusalTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string?> WithSecret = new() { ["Flireo__WebhookSecret"] = "test-secret" };

    [Fact]
    public async Task Start_MissingToolAssembly_ExitsWithNotFound()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "Tools.dll");

        var (exitCode, errors) = await RunAsync(["--tools", missing], WithSecret);

        exitCode.Should().Be(1);
        errors.Should().Be($"Flireo.Tools.Server: Tool assembly '{missing}' was not found.");
    }

    [Fact]
    public async Task Start_FileThatIsNotDotNet_ExitsWithNotADotNetAssembly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-dotnet-{Guid.NewGuid():N}.dll");
        await File.WriteAllTextAsync(path, "plain text, not a PE file");

        try
        {
            var (exitCode, errors) = await RunAsync(["--tools", path], WithSecret);

            exitCode.Should().Be(1);
            errors.Should().Be($"Flireo.Tools.Server: '{path}' is not a .NET assembly.");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Start_AssemblyWithoutTools_ExitsWithNoToolsFound()
    {
        var plugins = await TestPlugins.GetAsync();

        var (exitCode, errors) = await RunAsync(["--tools", plugins.WithoutTools], WithSecret);

        exitCode.Should().Be(1);
        errors.Should().StartWith($"Flireo.Tools.Server: No tools found in '{plugins.WithoutTools}'").And.Contain("[FlireoTool]");
    }

    [Fact]
    public async Task Start_TwoPluginsWithTheSameToolName_ExitsNamingTheDuplicate()
    {
        var plugins = await TestPlugins.GetAsync();

        var (exitCode, errors) = await RunAsync(["--tools", plugins.Greetings, "--tools", plugins.Duplicate], WithSecret);

        exitCode.Should().Be(1);
        errors.Should().StartWith("Flireo.Tools.Server: ")
            .And.Contain("'greet' is already used")
            .And.Contain("Flireo.TestPlugins.Duplicate.DuplicateTools.Greet")
            .And.Contain("Flireo.TestPlugins.Greetings.GreetingTools.Greet");
    }

    [Fact]
    public async Task Start_NoSecretInProduction_ExitsAskingForOne()
    {
        var plugins = await TestPlugins.GetAsync();

        var (exitCode, errors) = await RunAsync(["--tools", plugins.Greetings], new() { ["DOTNET_ENVIRONMENT"] = "Production" });

        exitCode.Should().Be(1);
        errors.Should().StartWith("Flireo.Tools.Server: No webhook secret configured: set Flireo__WebhookSecret").And.Contain("Production");
    }

    [Fact]
    public async Task Start_ToolsThatSpeakIntoTheCallWithoutApiKeyInProduction_ExitsNamingTheToolsAndTheSetting()
    {
        var announcer = await TestPlugins.GetAnnouncerAsync();

        var (exitCode, errors) = await RunAsync(["--tools", announcer], WithSecret);

        exitCode.Should().Be(1);
        errors.Should().StartWith("Flireo.Tools.Server: No Flireo API key configured")
            .And.Contain("check_slowly, note_and_announce")
            .And.Contain("Flireo__Api__Key")
            .And.Contain("Production");
    }

    [Fact]
    public async Task Start_ToolsThatSpeakIntoTheCallWithApiKey_StartsWithoutWritingTheKey()
    {
        var announcer = await TestPlugins.GetAnnouncerAsync();
        const string Key = "sk-flireo-never-logged";

        await using var server = ServerProcess.Start(["--tools", announcer], new Dictionary<string, string?> { ["Flireo__WebhookSecret"] = "test-secret", ["Flireo__Api__Key"] = Key });
        await server.WaitUntilStartedAsync();

        (string.Join('\n', server.Output) + server.Errors).Should().NotContain(Key);
    }

    [Fact]
    public async Task Start_RedisQueueWithoutConnectionString_ExitsAskingForOne()
    {
        var plugins = await TestPlugins.GetAsync();

        var (exitCode, errors) = await RunAsync(["--tools", plugins.Greetings], new(WithSecret) { ["Flireo__Server__Queue"] = "redis" });

        exitCode.Should().Be(1);
        errors.Should().StartWith("Flireo.Tools.Server: Flireo:Server:Queue is Redis but no Redis server is configured: set Flireo__Redis__ConnectionString");
    }

    [Fact]
    public async Task Start_UnknownQueue_ExitsNamingTheSetting()
    {
        var plugins = await TestPlugins.GetAsync();

        var (exitCode, errors) = await RunAsync(["--tools", plugins.Greetings], new(WithSecret) { ["Flireo__Server__Queue"] = "postgres" });

        exitCode.Should().Be(1);
        errors.Should().StartWith("Flireo.Tools.Server: ").And.Contain("postgres");
    }

    [Fact]
    public async Task Start_DataDirectoryUnderAFile_ExitsNamingTheFileAndTheSetting()
    {
        var plugins = await TestPlugins.GetAsync();
        var occupied = Path.Combine(Path.GetTempPath(), $"occupied-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(occupied, "a file where the data folder should be");

        try
        {
            var (exitCode, errors) = await RunAsync(["--tools", plugins.Greetings], new(WithSecret) { [ServerProcess.DataDirectoryVariable] = Path.Combine(occupied, "data") });

            exitCode.Should().Be(1);
            errors.Should().StartWith($"Flireo.Tools.Server: Cannot open the SQLite queue file '{Path.Combine(occupied, "data", "flireo-tools-work.db")}': ")
                .And.Contain("Set Flireo__Server__DataDirectory (Flireo:Server:DataDirectory) to a writable folder");
        }
        finally
        {
            File.Delete(occupied);
        }
    }

    [Fact]
    public async Task Start_QueueFileThatIsNotADatabase_ExitsNamingTheFileAndTheSetting()
    {
        var plugins = await TestPlugins.GetAsync();
        var folder = Directory.CreateTempSubdirectory("flireo-not-a-database-").FullName;
        var file = Path.Combine(folder, "flireo-tools-work.db");
        await File.WriteAllBytesAsync(file, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 251))]);

        try
        {
            var (exitCode, errors) = await RunAsync(["--tools", plugins.Greetings], new(WithSecret) { [ServerProcess.DataDirectoryVariable] = folder });

            exitCode.Should().Be(1);
            errors.Should().Be($"Flireo.Tools.Server: Cannot open the SQLite queue file '{file}': SQLite Error 26: 'file is not a database'. "
                + "Set Flireo__Server__DataDirectory (Flireo:Server:DataDirectory) to a writable folder on a local disk that is kept across restarts, or move the file away if it is not a Flireo.Tools queue.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Start_NoToolsGiven_ExitsSayingHowToGiveThem()
    {
        var (exitCode, errors) = await RunAsync([], WithSecret);

        exitCode.Should().Be(1);
        errors.Should().StartWith("Flireo.Tools.Server: No tool assemblies given: pass --tools");
    }

    [Fact]
    public async Task Start_ToolsSwitchWithoutPath_ExitsWithUsageError()
    {
        var (exitCode, errors) = await RunAsync(["--tools"], WithSecret);

        exitCode.Should().Be(2);
        errors.Should().Contain("--tools needs a path");
    }

    private static async Task<(int ExitCode, string Errors)> RunAsync(string[] arguments, Dictionary<string, string?> environment)
    {
        await using var server = ServerProcess.Start(arguments, environment);
        var exitCode = await server.WaitForExitAsync(ExitTimeout);
        return (exitCode, server.Errors.Trim());
    }
}
