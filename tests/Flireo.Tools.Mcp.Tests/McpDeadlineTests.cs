using Flireo.Tools.Mcp.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Mcp.Tests;

/// <summary>Each MCP call runs under its own deadline: the tool's TimeoutSeconds, else Flireo:Mcp:Timeout (30 s), at most 60 s.</summary>
public sealed class McpDeadlineTests
{
    [Theory]
    [InlineData("wait_default", null, 30)]
    [InlineData("wait_default", "00:00:20", 20)]
    [InlineData("wait_45", null, 45)]
    [InlineData("wait_120", null, 60)]
    public async Task CallTool_ToolWaitingPastItsDeadline_IsErrorWithTheWebhookTimeoutText(string tool, string? configuredTimeout, int expectedSeconds)
    {
        var time = TestClock.CreateTracking();
        var settings = new Dictionary<string, string?> { ["Flireo:Mcp:BearerToken"] = McpTestHost.Token };
        if (configuredTimeout is not null)
        {
            settings["Flireo:Mcp:Timeout"] = configuredTimeout;
        }

        await using var host = await McpTestHost.StartAsync(settings: settings, tools: t => t.AddTools<WaitingTools>(), timeProvider: time);
        await using var client = await host.ConnectAsync();
        var deadline = TimeSpan.FromSeconds(expectedSeconds);

        var call = client.CallToolAsync(tool, new Dictionary<string, object?>()).AsTask();

        // The router's only timer for the call is its deadline: waiting for one of exactly that length shows which limit
        // applies (the webhook's 9 seconds would never start a 45-second timer).
        // Another part of the host may hold a timer of the same length (30 s is a common default): when the advance fired
        // that one before the router had started its deadline, advance again once the router's timer is there.
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            do
            {
                await time.WaitForTimerAsync(deadline, TimeSpan.FromSeconds(30), giveUp.Token);
                time.Advance(deadline);
            }
            while (await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(200), giveUp.Token)) != call);
        }

        var result = await call;

        result.IsError.Should().BeTrue();
        McpResults.Text(result).Should().Be($"The tool '{tool}' did not answer within {expectedSeconds} seconds.");
    }
}
