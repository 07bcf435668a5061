using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Flireo.Tools.Dashboard.Tests.Support;

namespace Flireo.Tools.Dashboard.Tests;

public sealed class RecentCallsTests
{
    private const string CallsPath = "/flireo/dashboard/calls";

    [Fact]
    public async Task Calls_ShowTimeCallIdToolOutcomeAndDuration_ButNoPayloadsByDefault()
    {
        await using var host = await DashboardHost.StartAsync();

        await host.SendToolCallAsync("dash_greet", "{\"name\":\"Ada personal-data-4711\"}", callId: "call-abc", toolCallId: "tc-abc");
        var (_, html) = await host.GetAsync(CallsPath);

        var row = RowOf(html, "tc-abc");
        row.Should().Contain("call-abc").And.Contain("dash_greet").And.Contain("badge ok").And.Contain("Succeeded").And.Contain(" ms");
        html.Should().NotContain("personal-data-4711").And.NotContain("<th>Arguments</th>");
        html.Should().Contain("Flireo:Dashboard:ShowPayloads");
    }

    [Fact]
    public async Task Calls_WithShowPayloads_ShowArgumentsAndResultEncoded()
    {
        await using var host = await DashboardHost.StartAsync(o => o.Settings["Flireo:Dashboard:ShowPayloads"] = "true");

        await host.SendToolCallAsync("dash_greet", "{\"name\":\"<img src=x>\"}", toolCallId: "tc-pay");
        var (_, html) = await host.GetAsync(CallsPath);

        var row = RowOf(html, "tc-pay");
        row.Should().Contain("{&quot;name&quot;:&quot;&lt;img src=x&gt;&quot;}").And.Contain("Hello, ").And.Contain("(Happy) x1");
        html.Should().NotContain("<img");
    }

    [Fact]
    public async Task Calls_ToolThrows_ShowsError()
    {
        await using var host = await DashboardHost.StartAsync();

        await host.SendToolCallAsync("dash_boom", "{}", toolCallId: "tc-boom");
        var (_, html) = await host.GetAsync(CallsPath);

        RowOf(html, "tc-boom").Should().Contain("badge error").And.Contain("Exception");
        html.Should().NotContain("hunter2");
    }

    [Fact]
    public async Task Calls_SameCallTwice_SecondIsADuplicate()
    {
        await using var host = await DashboardHost.StartAsync();

        await host.SendToolCallAsync("dash_greet", "{\"name\":\"Ada\"}", callId: "call-dup", toolCallId: "tc-dup");
        await host.SendToolCallAsync("dash_greet", "{\"name\":\"Ada\"}", callId: "call-dup", toolCallId: "tc-dup");
        var (_, html) = await host.GetAsync(CallsPath);

        var rows = Regex.Matches(html, "<tr><td>[^<]*</td><td>call-dup</td>.*?</tr>", RegexOptions.Singleline).Select(static m => m.Value).ToList();
        rows.Should().HaveCount(2);
        rows[0].Should().Contain("badge duplicate");
        rows[1].Should().Contain("badge ok");
        host.Probe.Greetings.Should().Be(1);
    }

    [Fact]
    public async Task Calls_ToolPastItsDeadline_ShowsTimeoutThenLate_AndTheSparklineCountsTheTimeout()
    {
        await using var host = await DashboardHost.StartAsync(o => o.Tools = static b => b.AddTools<SlowTools>());

        var answer = host.SendToolCallAsync("dash_slow", "{}", toolCallId: "tc-slow");
        await host.Probe.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        (await answer).Should().Contain("did not answer within 1 seconds");
        var (_, timedOut) = await host.GetAsync(CallsPath);
        host.Probe.SlowRelease.TrySetResult();
        await host.Logs.WaitForAsync(1004);
        var (_, late) = await host.GetAsync(CallsPath);

        RowOf(timedOut, "tc-slow").Should().Contain("badge timeout").And.Contain("1000 ms");
        RowOf(late, "tc-slow").Should().Contain("badge late");
        var spark = Regex.Match(late, "<tr data-tool=\"dash_slow\">.*?</tr>", RegexOptions.Singleline).Value;
        spark.Should().Contain("<td class=\"num timeouts\">1</td>").And.Contain("<rect class=\"t\"").And.Contain("<td class=\"num calls\">1</td>");
    }

    [Fact]
    public async Task Sparkline_CountsTheCallsOfTheLastHourFromTheDurationMetric()
    {
        await using var host = await DashboardHost.StartAsync(o => o.Tools = static b => b.AddTools<SparkTools>());

        await host.SendToolCallAsync("dash_spark", "{}", toolCallId: "s1");
        await host.SendToolCallAsync("dash_spark", "{}", toolCallId: "s2");
        host.Time.Advance(TimeSpan.FromMinutes(30));
        await host.SendToolCallAsync("dash_spark", "{}", toolCallId: "s3");
        var (_, within) = await host.GetAsync(CallsPath);
        host.Time.Advance(TimeSpan.FromMinutes(61));
        var (_, later) = await host.GetAsync(CallsPath);

        Regex.Match(within, "<tr data-tool=\"dash_spark\">.*?</tr>", RegexOptions.Singleline).Value
            .Should().Contain("<td class=\"num calls\">3</td>").And.Contain("<td class=\"num timeouts\">0</td>");
        Regex.Count(within, "<rect class=\"d\"").Should().Be(2);
        Regex.Match(later, "<tr data-tool=\"dash_spark\">.*?</tr>", RegexOptions.Singleline).Value
            .Should().Contain("<td class=\"num calls\">0</td>");
    }

    [Fact]
    public async Task Calls_Capacity_KeepsOnlyTheNewest()
    {
        await using var host = await DashboardHost.StartAsync(o => o.Settings["Flireo:Dashboard:RecentCalls"] = "2");

        await host.SendToolCallAsync("dash_greet", "{\"name\":\"a\"}", toolCallId: "tc-first");
        await host.SendToolCallAsync("dash_greet", "{\"name\":\"b\"}", toolCallId: "tc-second");
        await host.SendToolCallAsync("dash_greet", "{\"name\":\"c\"}", toolCallId: "tc-third");
        var (_, html) = await host.GetAsync(CallsPath);

        html.Should().NotContain("tc-first").And.Contain("tc-second").And.Contain("tc-third");
        html.IndexOf("tc-third", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("tc-second", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_InProduction_AreNotRecordedUnlessEnabled()
    {
        await using var off = await DashboardHost.StartAsync(o =>
        {
            o.Environment = "Production";
            o.Settings["Flireo:Dashboard:AllowAnonymous"] = "true";
        });
        await using var on = await DashboardHost.StartAsync(o =>
        {
            o.Environment = "Production";
            o.Settings["Flireo:Dashboard:AllowAnonymous"] = "true";
            o.Settings["Flireo:Dashboard:RecentCalls"] = "10";
        });

        await off.SendToolCallAsync("dash_greet", "{\"name\":\"Ada\"}", toolCallId: "tc-prod");
        await on.SendToolCallAsync("dash_greet", "{\"name\":\"Ada\"}", toolCallId: "tc-prod");
        var (_, offHtml) = await off.GetAsync(CallsPath);
        var (_, onHtml) = await on.GetAsync(CallsPath);

        offHtml.Should().Contain("id=\"recording-off\"").And.NotContain("tc-prod");
        onHtml.Should().NotContain("id=\"recording-off\"").And.Contain("tc-prod");
    }

    [Fact]
    public async Task Calls_AsyncTool_IsRecordedAsAcknowledged()
    {
        await using var host = await DashboardHost.StartAsync();

        await host.SendToolCallAsync("dash_note", "{\"text\":\"hi\"}", toolCallId: "tc-note");
        var (_, html) = await host.GetAsync(CallsPath);

        RowOf(html, "tc-note").Should().Contain("badge ok").And.Contain("acknowledged");
    }

    private static string RowOf(string html, string toolCallId)
    {
        var match = Regex.Match(html, "<tr><td>[^<]*</td><td>[^<]*</td><td>" + Regex.Escape(toolCallId) + "</td>.*?</tr>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the calls page should list {toolCallId}");
        return match.Value;
    }
}
