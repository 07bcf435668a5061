using System.Net;
using System.Text.RegularExpressions;
using Flireo.Tools.Async;
using Flireo.Tools.Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Dashboard.Tests;

public sealed class AsyncWorkPageTests
{
    private const string AsyncPath = "/flireo/dashboard/async";

    [Fact]
    public async Task Async_InMemoryQueue_ShowsDepthAndSaysItKeepsNoDeadLetters()
    {
        await using var host = await DashboardHost.StartAsync();

        var (status, html) = await host.GetAsync(AsyncPath);

        status.Should().Be(HttpStatusCode.OK);
        DashboardHost.TextOf(html, "queue").Should().Contain("in memory").And.Contain("yes");
        DashboardHost.TextOf(html, "sync-running").Should().Be("0");
        DashboardHost.TextOf(html, "dead-letters").Should().Contain("keeps no dead letters");
    }

    [Fact]
    public async Task Async_RunningCall_IsListedWithTheQueueDepthAndOldestAge_ThenMovesToTheLastRuns()
    {
        await using var host = await DashboardHost.StartAsync(o => o.Tools = static b => b.AddTools<HoldTools>());
        await host.SendToolCallAsync("dash_hold", "{\"job\":\"export\"}", callId: "call-hold", toolCallId: "tc-hold");
        await host.Probe.HoldStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        host.Time.Advance(TimeSpan.FromSeconds(45));

        var (_, running) = await host.GetAsync(AsyncPath);
        host.Probe.HoldRelease.TrySetResult();
        await host.Logs.WaitForAsync(2005);
        var (_, done) = await host.GetAsync(AsyncPath);

        var runningTable = DashboardHost.TextOf(running, "async-running")!;
        runningTable.Should().Contain("dash_hold").And.Contain("tc-hold").And.Contain("call-hold").And.Contain("45 s");
        DashboardHost.TextOf(running, "queue").Should().Contain("in memory").And.Contain(" 1 ").And.Contain("45 s");
        DashboardHost.TextOf(done, "async-running").Should().Contain("No async tool call is running");
        DashboardHost.TextOf(done, "async-finished").Should().Contain("tc-hold").And.Contain("Succeeded");
    }

    [Fact]
    public async Task Async_DeadLetter_IsListedWithItsError_AndRetryRunsItAgain()
    {
        await using var host = await DashboardHost.StartAsync(o => { o.Sqlite = true; o.RealTime = true; });
        await host.SendToolCallAsync("dash_flaky", "{\"order\":\"A-1\"}", callId: "call-flaky", toolCallId: "tc-flaky");
        var key = await WaitForDeadLetterAsync(host);

        var (_, page) = await host.GetAsync(AsyncPath);
        var table = DashboardHost.TextOf(page, "dead-letters")!;
        DashboardHost.TextOf(page, "queue").Should().Contain("SQLite");
        table.Should().Contain("dash_flaky").And.Contain("tc-flaky").And.Contain("call-flaky").And.Contain("The warehouse refused order A-1 <for now>.");
        page.Should().Contain("&lt;for now&gt;");
        page.Should().NotContain("A-1\"}").And.NotContain("&quot;order&quot;");
        var (status, retried) = await host.PostFormAsync("/flireo/dashboard/async/retry", [new("key", key)], DashboardHost.TokenOf(page));
        await host.Probe.FlakySucceeded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.Logs.WaitForAsync(7004);

        status.Should().Be(HttpStatusCode.OK);
        DashboardHost.TextOf(retried, "notice").Should().Contain("queued again");
        host.Logs.Entries.Should().Contain(e => e.EventId == 7004 && e.Message.Contains(key, StringComparison.Ordinal) && e.Message.Contains("(anonymous)", StringComparison.Ordinal));
        (await host.Services.GetRequiredService<IToolWorkDeadLetterStore>().ListDeadLettersAsync(10, CancellationToken.None)).Should().BeEmpty();
        await host.Logs.WaitForAsync(2005);
        var (_, after) = await host.GetAsync(AsyncPath);
        DashboardHost.TextOf(after, "async-finished").Should().Contain("Succeeded").And.Contain("tc-flaky");
        DashboardHost.TextOf(after, "dead-letters").Should().Contain("No dead letters");
    }

    [Fact]
    public async Task Async_Delete_RemovesTheDeadLetter_AndAnUnknownKeyAnswers404()
    {
        await using var host = await DashboardHost.StartAsync(o => { o.Sqlite = true; o.RealTime = true; });
        await host.SendToolCallAsync("dash_flaky", "{\"order\":\"B-2\"}", toolCallId: "tc-del");
        var key = await WaitForDeadLetterAsync(host);
        var (_, page) = await host.GetAsync(AsyncPath);
        var token = DashboardHost.TokenOf(page);

        var (status, deleted) = await host.PostFormAsync("/flireo/dashboard/async/delete", [new("key", key)], token);
        var (againStatus, again) = await host.PostFormAsync("/flireo/dashboard/async/delete", [new("key", key)], token);

        status.Should().Be(HttpStatusCode.OK);
        DashboardHost.TextOf(deleted, "notice").Should().Contain("deleted");
        DashboardHost.TextOf(deleted, "dead-letters").Should().Contain("No dead letters");
        againStatus.Should().Be(HttpStatusCode.NotFound);
        DashboardHost.TextOf(again, "notice").Should().Contain("No dead letter with key");
        host.Probe.FlakySucceeded.Task.IsCompleted.Should().BeFalse();
        host.Logs.Entries.Should().Contain(e => e.EventId == 7005);
    }

    [Fact]
    public async Task Async_RetryWithoutAntiforgeryToken_IsRefusedAndTheDeadLetterStays()
    {
        await using var host = await DashboardHost.StartAsync(o => { o.Sqlite = true; o.RealTime = true; });
        await host.SendToolCallAsync("dash_flaky", "{\"order\":\"C-3\"}", toolCallId: "tc-forged");
        var key = await WaitForDeadLetterAsync(host);
        await host.GetAsync(AsyncPath);

        var (status, html) = await host.PostFormAsync("/flireo/dashboard/async/retry", [new("key", key)], token: null);

        status.Should().Be(HttpStatusCode.BadRequest);
        DashboardHost.TextOf(html, "refused").Should().Contain("anti-forgery");
        (await host.Services.GetRequiredService<IToolWorkDeadLetterStore>().ListDeadLettersAsync(10, CancellationToken.None)).Should().ContainSingle();
        host.Logs.Entries.Should().NotContain(e => e.EventId == 7004);
    }

    [Fact]
    public async Task Async_WithShowPayloads_ShowsTheDeadLettersArguments()
    {
        await using var host = await DashboardHost.StartAsync(o =>
        {
            o.Sqlite = true;
            o.RealTime = true;
            o.Settings["Flireo:Dashboard:ShowPayloads"] = "true";
        });
        await host.SendToolCallAsync("dash_flaky", "{\"order\":\"D-4\"}", toolCallId: "tc-args");
        await WaitForDeadLetterAsync(host);

        var (_, page) = await host.GetAsync(AsyncPath);

        DashboardHost.TextOf(page, "dead-letters").Should().Contain("{\"order\":\"D-4\"}");
    }

    /// <summary>Waits for the processor's "moved to the dead letters" line (event 2016, written after the store took it) and returns the key.</summary>
    internal static async Task<string> WaitForDeadLetterAsync(DashboardHost host)
    {
        await host.Logs.WaitForAsync(2016);
        var letters = await host.Services.GetRequiredService<IToolWorkDeadLetterStore>().ListDeadLettersAsync(10, CancellationToken.None);
        return letters.Should().ContainSingle().Subject.Item.Key;
    }
}
