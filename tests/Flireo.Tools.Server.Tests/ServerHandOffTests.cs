using System.Net;
using Flireo.Tools.Server.Tests.TestSupport;
using Flireo.Tools.Testing.Platform;

namespace Flireo.Tools.Server.Tests;

/// <summary>The sync→async hand-off in the real server process, against a fake Flireo platform on loopback.</summary>
public sealed class ServerHandOffTests
{
    private const string Secret = "hand-off-secret";

    [Fact]
    public async Task SlowSyncTool_AnswersWithTheHandOffTextThenInjectsItsResultOnce()
    {
        var announcer = await TestPlugins.GetAnnouncerAsync();
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Flireo__WebhookSecret"] = Secret,
            ["Flireo__Api__BaseUrl"] = platform.BaseUrl.ToString(),
            ["Flireo__Api__Key"] = platform.ApiKey,
        };
        await using var server = ServerProcess.Start(["--tools", announcer], settings);
        await server.WaitUntilStartedAsync();

        // check_slowly hands off after 2 s; it works for 5 s, past the hand-off and well inside its 30 s limit.
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_hand_off", "check_slowly", new { milliseconds = 5000 }));
        using var response = await server.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));
        var answer = SignedWebhooks.Results(await response.Content.ReadAsStringAsync()).Should().ContainSingle().Subject;
        var commandsAtAnswer = platform.Commands.Count;
        var spoken = await platform.WaitForCommandsAsync(1, TimeSpan.FromSeconds(60));
        server.Terminate();
        await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Result!.Value.GetString().Should().Be("I'm still working on that; I'll tell you the answer in a moment.");
        commandsAtAnswer.Should().Be(0, "the result comes after the hand-off answer");
        (spoken[0].Type, spoken[0].Content, spoken[0].TriggerResponse).Should().Be(("inject-context", "Checked.", true));
        platform.Commands.Should().ContainSingle("the result is injected exactly once");
    }
}
