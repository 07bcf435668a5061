using System.Net;
using System.Text.Json;
using Flireo.Tools.Dashboard.Tests.Support;

namespace Flireo.Tools.Dashboard.Tests;

public sealed class TryItTests
{
    private const string ToolPath = "/flireo/dashboard/tools/dash_greet";

    [Fact]
    public async Task Try_SignedThroughTheWebhookEndpoint_ShowsTheAnswerAsFlireoReceivesIt()
    {
        await using var host = await DashboardHost.StartAsync();
        var (_, page) = await host.GetAsync(ToolPath);

        var (status, html) = await host.PostFormAsync(ToolPath, [new("arg:name", "Ada <Lovelace>"), new("arg:mood", "Grumpy"), new("arg:times", "2"), new("arg:shout", "false")], DashboardHost.TokenOf(page));

        status.Should().Be(HttpStatusCode.OK);
        DashboardHost.TextOf(html, "status").Should().Be("200");
        DashboardHost.TextOf(html, "elapsed").Should().EndWith(" ms");
        var body = DashboardHost.TextOf(html, "answer-body")!;
        using var answer = JsonDocument.Parse(body);
        var result = answer.RootElement.GetProperty("results")[0];
        result.GetProperty("result").GetString().Should().Be("Hello, Ada <Lovelace> (Grumpy) x2");
        result.GetProperty("tool_call_id").GetString().Should().StartWith("try_");
        html.Should().Contain("Hello, Ada &lt;Lovelace&gt;").And.NotContain("Ada <Lovelace>");
        html.Should().Contain(", signed.");
        host.Probe.Greetings.Should().Be(1);
        host.Logs.Entries.Should().Contain(e => e.EventId == 7003 && e.Message.Contains("dash_greet"));
    }

    [Fact]
    public async Task Try_WrongTypeInAField_ShowsTheBindersErrorAsTheModelWouldSeeIt()
    {
        await using var host = await DashboardHost.StartAsync();
        var (_, page) = await host.GetAsync(ToolPath);

        var (_, html) = await host.PostFormAsync(ToolPath, [new("arg:name", "Ada"), new("arg:times", "twice")], DashboardHost.TokenOf(page));

        DashboardHost.TextOf(html, "status").Should().Be("200");
        using var answer = JsonDocument.Parse(DashboardHost.TextOf(html, "answer-body")!);
        answer.RootElement.GetProperty("results")[0].GetProperty("error").GetString().Should().Contain("times");
        host.Probe.Greetings.Should().Be(0);
    }

    [Fact]
    public async Task Try_RawArguments_AreSentAsGiven_AndInvalidJsonIsRefusedWithoutACall()
    {
        await using var host = await DashboardHost.StartAsync();
        var (_, page) = await host.GetAsync(ToolPath);
        var token = DashboardHost.TokenOf(page);

        var (_, good) = await host.PostFormAsync(ToolPath, [new("raw", "{\"name\":\"Grace\",\"shout\":true}")], token);
        var (badStatus, bad) = await host.PostFormAsync(ToolPath, [new("raw", "{not json")], token);

        DashboardHost.TextOf(good, "answer-body").Should().Contain("HELLO, GRACE (HAPPY) X1");
        badStatus.Should().Be(HttpStatusCode.BadRequest);
        DashboardHost.TextOf(bad, "error").Should().Contain("one JSON object");
        host.Probe.Greetings.Should().Be(1);
    }

    [Fact]
    public async Task Try_WithoutAntiforgeryToken_IsRefusedAndTheToolDoesNotRun()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GetAsync(ToolPath);

        var (status, html) = await host.PostFormAsync(ToolPath, [new("arg:name", "Mallory")], token: null);

        status.Should().Be(HttpStatusCode.BadRequest);
        DashboardHost.TextOf(html, "refused").Should().Contain("anti-forgery token");
        host.Probe.Greetings.Should().Be(0);
        host.Logs.Entries.Should().Contain(e => e.EventId == 7006);
    }

    [Fact]
    public async Task Try_WithATokenOfAnotherSession_IsRefused()
    {
        await using var host = await DashboardHost.StartAsync();
        await using var other = await DashboardHost.StartAsync();
        var (_, otherPage) = await other.GetAsync(ToolPath);
        await host.GetAsync(ToolPath);

        var (status, _) = await host.PostFormAsync(ToolPath, [new("arg:name", "Mallory")], DashboardHost.TokenOf(otherPage));

        status.Should().Be(HttpStatusCode.BadRequest);
        host.Probe.Greetings.Should().Be(0);
    }

    [Fact]
    public async Task Try_NoWebhookEndpointMapped_SaysHowToMapIt()
    {
        await using var host = await DashboardHost.StartAsync(o => o.MapWebhooks = false);
        var (_, page) = await host.GetAsync(ToolPath);

        var (status, html) = await host.PostFormAsync(ToolPath, [new("arg:name", "Ada")], DashboardHost.TokenOf(page));

        status.Should().Be(HttpStatusCode.Conflict);
        DashboardHost.TextOf(html, "error").Should().Contain("MapFlireoWebhooks");
        host.Probe.Greetings.Should().Be(0);
    }

    [Fact]
    public async Task Try_ShowsUpInRecentCallsUnderItsDashboardCallId()
    {
        await using var host = await DashboardHost.StartAsync();
        var (_, page) = await host.GetAsync(ToolPath);

        var (_, html) = await host.PostFormAsync(ToolPath, [new("arg:name", "Ada")], DashboardHost.TokenOf(page));
        var (_, calls) = await host.GetAsync("/flireo/dashboard/calls");

        var callId = System.Text.RegularExpressions.Regex.Match(html, "call id <code>(dashboard_[0-9a-f]+)</code>").Groups[1].Value;
        callId.Should().NotBeEmpty();
        DashboardHost.TextOf(calls, "calls").Should().Contain(callId).And.Contain("dash_greet");
    }
}
