using System.Net;
using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>Settings given on the command line and in the environment reach the real server.</summary>
public sealed class ServerConfigurationTests
{
    [Fact]
    public async Task Start_BuildFolderCustomPathAndUnsignedAllowedInProduction_ServesUnsignedWebhooksThereAndWarns()
    {
        var plugins = await TestPlugins.GetAsync();
        await using var server = ServerProcess.Start(
            ["--tools", Path.GetDirectoryName(plugins.Greetings)!, "--Flireo:Server:Path=/voice/tools"],
            new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Production", ["Flireo__AllowUnsignedRequests"] = "true" });
        await server.WaitUntilStartedAsync();
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_unsigned_ok", "greet", new { name = "Linus" }));

        using var atCustomPath = await server.Client.SendAsync(SignedWebhooks.Post("/voice/tools", body, secret: null));
        using var atDefaultPath = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, secret: null));

        atCustomPath.StatusCode.Should().Be(HttpStatusCode.OK);
        SignedWebhooks.Results(await atCustomPath.Content.ReadAsStringAsync())[0].Result!.Value.GetString().Should().Be("Hello, Linus");
        atDefaultPath.StatusCode.Should().Be(HttpStatusCode.NotFound);
        server.Output.Should().Contain(line => (ServerProcess.RenderedMessage(line) ?? string.Empty).StartsWith("No webhook secret is configured and Flireo:AllowUnsignedRequests is on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ToolWithoutDescription_IsServedAndWarnedAboutOnce()
    {
        var plugins = await TestPlugins.GetAsync();
        await using var server = ServerProcess.Start(
            ["--tools", Path.GetDirectoryName(plugins.Greetings)!],
            new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Production", ["Flireo__AllowUnsignedRequests"] = "true" });
        await server.WaitUntilStartedAsync();
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_wave", "wave", new { name = "Ada" }));

        using var response = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, secret: null));

        SignedWebhooks.Results(await response.Content.ReadAsStringAsync())[0].Result!.Value.GetString().Should().Be("Hello, Ada!");
        server.Output.Select(ServerProcess.RenderedMessage).Where(m => m?.StartsWith("Tools without a description, which the platform's tool definition requires: ", StringComparison.Ordinal) == true)
            .Should().ContainSingle().Which.Should().Contain("wave").And.NotContain("greet");
    }

    [Fact]
    public async Task RequestLogOverrideAtDebug_LogsEveryAnsweredRequest_AsTheDeploymentGuideSays()
    {
        var plugins = await TestPlugins.GetAsync();
        await using var server = ServerProcess.Start(
            ["--tools", Path.GetDirectoryName(plugins.Greetings)!, "--Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Debug"],
            new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Production", ["Flireo__AllowUnsignedRequests"] = "true" });
        await server.WaitUntilStartedAsync();
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_logged_debug", "greet", new { name = "Grace" }));

        using var response = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, secret: null));
        var line = await server.WaitForLogAsync("HTTP POST /flireo responded 200 in", TimeSpan.FromSeconds(30));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        line.Should().Contain("Serilog.AspNetCore.RequestLoggingMiddleware").And.NotContain("Grace", "bodies are never logged");
    }
}
