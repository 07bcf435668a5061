using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>The SQLite queue file lives under the directory the server was started in, so cleaning the build output keeps it.</summary>
public sealed class ServerDataDirectoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-cwd-").FullName;

    [Theory]
    [InlineData(null, "data")]
    [InlineData("queue/here", "queue/here")]
    public async Task Start_QueueFolderUnsetOrRelative_IsUnderTheCurrentDirectoryAndItsFullPathIsLogged(string? configured, string expectedFolder)
    {
        var plugins = await TestPlugins.GetAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Flireo__WebhookSecret"] = "cwd-secret",
            [ServerProcess.DataDirectoryVariable] = configured,
        };
        var expected = Path.Combine(_folder, expectedFolder, "flireo-tools-work.db");

        await using var server = ServerProcess.Start(["--tools", plugins.Greetings], settings, workingDirectory: _folder);
        await server.WaitUntilStartedAsync();
        using var ready = await server.Client.GetAsync("/readyz"); // the file opens in the background; readiness waits for it

        ready.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        File.Exists(expected).Should().BeTrue(server.Describe());
        server.Output.Should().Contain(
            line => ServerProcess.RenderedMessage(line) == $"Acknowledged async calls are stored in the SQLite file \"{expected}\" (folder: Flireo:Server:DataDirectory); they run after a crash or restart",
            server.Describe());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
