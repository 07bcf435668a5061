using System.Text.RegularExpressions;
using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>The first-run experience: a project named in configuration, no secret, Development.</summary>
public sealed class ServerDevelopmentTests
{
    [Fact]
    public async Task Start_DevelopmentWithProjectAndNoSecret_PrintsGeneratedSecretAndCurlCommandsThatWork()
    {
        await TestPlugins.GetAsync(); // Built once already, so the server's own 'dotnet build' of the project is quick.
        await using var server = ServerProcess.Start([], new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Flireo__Server__ToolAssemblies__0"] = TestPlugins.ProjectPath("Flireo.TestPlugins.Greetings"),
            ["Flireo__Server__BuildConfiguration"] = TestPaths.Configuration,
        });

        var freshlySigned = (await server.WaitForOutputAsync(line => line.TrimStart().StartsWith("BODY=", StringComparison.Ordinal), TimeSpan.FromMinutes(3))).Trim();
        var presigned = server.Output.Single(line => line.TrimStart().StartsWith("curl -sS", StringComparison.Ordinal)).Trim();
        var (presignedExit, presignedAnswer) = await ProcessRunner.RunAsync("bash", ["-c", presigned], TestPaths.RepositoryRoot, TimeSpan.FromSeconds(60));
        var (freshExit, freshAnswer) = await ProcessRunner.RunAsync("bash", ["-c", freshlySigned], TestPaths.RepositoryRoot, TimeSpan.FromSeconds(60));

        server.Errors.Should().Contain("Building Flireo.TestPlugins.Greetings.csproj");
        server.Output.Should().Contain(line => Regex.IsMatch(line, @"Webhook secret: dev_[0-9a-f]{32}\b"));
        server.Output.Should().Contain(line => line.Contains($"Webhook URL:    {server.BaseAddress.ToString().TrimEnd('/')}/flireo", StringComparison.Ordinal));
        presignedExit.Should().Be(0);
        presignedAnswer.Should().Contain("\"tool_call_id\":\"dev_tool_call_1\"").And.Contain("\"words\":\"one\"");
        freshExit.Should().Be(0);
        freshAnswer.Should().Contain("\"tool_call_id\":\"dev_tool_call_1\"").And.Contain("\"words\":\"one\"");
    }
}
