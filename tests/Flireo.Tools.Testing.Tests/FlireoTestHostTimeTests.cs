using System.Diagnostics;
using Flireo.Tools.Testing.Tests.Support;

namespace Flireo.Tools.Testing.Tests;

public sealed class FlireoTestHostTimeTests
{
    [Fact]
    public async Task CallTool_ToolHangs_IsAnsweredWithTheTimeoutErrorOnceTimeIsAdvancedNineSeconds()
    {
        var probe = new Probe();
        await using var host = SampleHost.Create(probe);
        var stopwatch = Stopwatch.StartNew();

        var pending = host.CallToolAsync("hang");
        await host.WaitForTimerAsync(TimeSpan.FromSeconds(9));
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        host.Time.Advance(TimeSpan.FromSeconds(9));
        var answer = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        answer.Error.Should().Be("The tool 'hang' did not answer within 9 seconds.");
        probe.Started.Task.IsCompleted.Should().BeTrue("the tool ran");
        probe.Release.Task.IsCompleted.Should().BeFalse("the answer did not wait for the hanging tool");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(9), "no real time was waited");
        probe.Release.TrySetResult();
    }

    [Fact]
    public async Task CallTool_TimeAdvancedLessThanTheDeadline_WaitsForTheTool()
    {
        var probe = new Probe();
        await using var host = SampleHost.Create(probe);

        var pending = host.CallToolAsync("hang");
        await host.WaitForTimerAsync(TimeSpan.FromSeconds(9));
        host.Time.Advance(TimeSpan.FromSeconds(8.9));
        probe.Release.TrySetResult();
        var answer = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        answer.ResultAs<string>().Should().Be("late");
    }

    [Fact]
    public async Task CallTool_ToolWithItsOwnLowerTimeout_TimesOutAtThatTimer()
    {
        var probe = new Probe();
        await using var host = SampleHost.Create(probe);

        var pending = host.CallToolAsync("quick_hang");
        await host.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var answer = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        answer.Error.Should().Be("The tool 'quick_hang' did not answer within 2 seconds.");
        probe.Release.TrySetResult();
    }

    [Fact]
    public async Task CallTool_SyncTimeoutFromSettings_IsTheDeadline()
    {
        var probe = new Probe();
        await using var host = SampleHost.Create(probe, o => o.Settings["Flireo:SyncTimeout"] = "00:00:04");

        var pending = host.CallToolAsync("hang");
        await host.WaitForTimerAsync(TimeSpan.FromSeconds(4));
        host.Time.Advance(TimeSpan.FromSeconds(4));
        var answer = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        answer.Error.Should().Be("The tool 'hang' did not answer within 4 seconds.");
        probe.Release.TrySetResult();
    }

    [Fact]
    public async Task Time_IsTheClockOfTheTools()
    {
        var start = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
        await using var host = SampleHost.Create(new Probe(), o => o.StartTime = start);

        var before = (await host.CallToolAsync("now")).ResultAs<DateTimeOffset>();
        host.Time.Advance(TimeSpan.FromHours(2));
        var after = (await host.CallToolAsync("now")).ResultAs<DateTimeOffset>();

        before.Should().Be(start);
        after.Should().Be(start.AddHours(2));
    }

    [Fact]
    public async Task CallTool_AfterTheClockMovedFarAhead_IsStillSignedWithAFreshTimestamp()
    {
        await using var host = SampleHost.Create(new Probe());
        host.Time.Advance(TimeSpan.FromDays(400));

        var answer = await host.CallToolAsync("count");

        answer.ResultAs<int>().Should().Be(1);
    }
}
