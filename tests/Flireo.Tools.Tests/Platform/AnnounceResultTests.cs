using Flireo.Tools.Testing;
using Flireo.Tools.Testing.Platform;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Tests.Platform;

public class AnnounceResultTests
{
    private const int WorkItemCompleted = 2005;

    [Fact]
    public async Task AsyncTool_StringResult_IsInjectedOnceAsIsWithTriggerResponse()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var logs = new PlatformClientHarness.CapturingLoggerProvider();
        await using var host = CreateHost(platform, logs);

        var ack = await host.CallToolAsync("send_confirmation_sms", new { phone = "+31612345678" });
        await logs.WaitForAsync(WorkItemCompleted, "flireo.announce");

        ack.ResultAs<string>().Should().Be("Accepted: the tool runs in the background.");
        var command = platform.Commands.Should().ContainSingle("the result is announced exactly once").Subject;
        (command.CallId, command.Type, command.Content, command.TriggerResponse).Should().Be(("test-call", "inject-context", "The confirmation text is sent.", true));
        logs.Lines.Should().Contain(l => l.EventId == 5012);
    }

    [Fact]
    public async Task AsyncTool_ObjectResult_IsInjectedAsToolNameAndCompactJson()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        await using var host = CreateHost(platform);

        await host.CallToolAsync("count_guests", new { });
        var commands = await platform.WaitForCommandsAsync(1);

        commands[0].Content.Should().Be("""count_guests: {"guests":4,"names":["Ann","Bo"]}""");
    }

    [Fact]
    public async Task AsyncTool_Failure_IsInjectedAsItsModelFacingText()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        await using var host = CreateHost(platform);

        await host.CallToolAsync("send_confirmation_sms", new { phone = "" });
        var commands = await platform.WaitForCommandsAsync(1);

        commands[0].Content.Should().Be("There is no phone number to text.");
        commands[0].TriggerResponse.Should().BeTrue();
    }

    [Fact]
    public async Task AsyncTool_CallEnded_DropsTheAnnouncementWithALogLineAndNoRetry()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        platform.EndCall("call-gone");
        var logs = new PlatformClientHarness.CapturingLoggerProvider();
        await using var host = CreateHost(platform, logs);

        await host.CallToolAsync("send_confirmation_sms", new { phone = "+31612345678" }, new CallInfo { Id = "call-gone" });
        await logs.WaitForAsync(WorkItemCompleted, "flireo.announce");

        platform.Requests.Should().ContainSingle().Which.StatusCode.Should().Be(400);
        logs.Lines.Should().Contain(l => l.EventId == 5013 && l.Level == LogLevel.Information && l.Message.Contains("call-gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsyncTool_WithoutAnnounceResult_SendsNothing()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var logs = new PlatformClientHarness.CapturingLoggerProvider();
        await using var host = CreateHost(platform, logs);

        await host.CallToolAsync("log_visit", new { });
        await logs.WaitForAsync(WorkItemCompleted, "log_visit");

        platform.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Scan_AnnounceResultOnASyncTool_FailsNamingTheFix()
    {
        var act = () => ToolCatalog.Create([typeof(BadAnnouncingTools)]);

        act.Should().Throw<FlireoToolsConfigurationException>().WithMessage("*AnnounceResult needs Async = true*");
    }

    private static FlireoTestHost CreateHost(FakeFlireoPlatform platform, ILoggerProvider? logs = null) => FlireoTestHost.Create(
        services =>
        {
            if (logs is not null)
            {
                services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
            }

            services.AddFlireoTools().AddTools<AnnouncingTools>();
        },
        options =>
        {
            options.Settings["Flireo:Api:BaseUrl"] = platform.BaseUrl.ToString();
            options.Settings["Flireo:Api:Key"] = platform.ApiKey;
        });

    public sealed class AnnouncingTools
    {
        [FlireoTool("send_confirmation_sms", Async = true, AnnounceResult = true, Description = "Texts the booking confirmation.")]
        public static ToolResult SendConfirmation(string phone) =>
            phone.Length == 0 ? ToolResult.Error("There is no phone number to text.") : ToolResult.Ok("The confirmation text is sent.");

        [FlireoTool("count_guests", Async = true, AnnounceResult = true, Description = "Counts the guests.")]
        public static Task<GuestCount> CountGuestsAsync() => Task.FromResult(new GuestCount(4, ["Ann", "Bo"]));

        [FlireoTool("log_visit", Async = true, Description = "Logs the visit.")]
        public static Task LogVisitAsync() => Task.CompletedTask;
    }

    public sealed record GuestCount(int Guests, string[] Names);

    public sealed class BadAnnouncingTools
    {
        [FlireoTool("quick", AnnounceResult = true, Description = "Sync.")]
        public static string Quick() => "x";
    }
}
