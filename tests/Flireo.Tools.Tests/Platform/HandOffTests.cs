using Flireo.Tools.Testing;
using Flireo.Tools.Testing.Platform;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Tests.Platform;

/// <summary>The sync→async hand-off over the real webhook pipeline, the real platform client and a fake platform on loopback, under the host's fake clock.</summary>
public class HandOffTests
{
    private const int WorkItemCompleted = 2005;
    private const int WorkItemFailed = 2007;
    private const int WorkItemRetrying = 2006;
    private static readonly TimeSpan HandOff = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task FinishesBeforeTheHandOff_AnswersNormallyAndSendsNoCommand()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var logs = new PlatformClientHarness.CapturingLoggerProvider();
        var gate = new Gate();
        gate.Result.SetResult("A table for 4 at 19:00 is free.");
        await using var host = CreateHost(platform, gate, logs);

        var answer = await host.CallToolAsync("check_availability", new { guests = 4 });

        answer.ResultAs<string>().Should().Be("A table for 4 at 19:00 is free.");
        platform.Requests.Should().BeEmpty();
        logs.Lines.Should().NotContain(l => l.EventId == 5016 || l.EventId == 5010);
    }

    [Fact]
    public async Task FinishesAfterTheHandOff_AnswersWithTheHandOffTextThenInjectsTheResultOnce()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var logs = new PlatformClientHarness.CapturingLoggerProvider();
        var gate = new Gate();
        await using var host = CreateHost(platform, gate, logs);

        var pending = host.CallToolAsync("check_availability", new { guests = 4 });
        await host.WaitForTimerAsync(HandOff);
        host.Time.Advance(HandOff);
        var answer = await pending;

        answer.ResultAs<string>().Should().Be("I'm still checking the book; I'll tell you in a moment.");
        platform.Requests.Should().BeEmpty("the tool has not finished yet");

        gate.Result.SetResult("A table for 4 at 19:00 is free.");
        await logs.WaitForAsync(WorkItemCompleted, "flireo.announce");

        var command = platform.Commands.Should().ContainSingle("the result is injected exactly once").Subject;
        (command.CallId, command.Type, command.Content, command.TriggerResponse).Should().Be(("test-call", "inject-context", "A table for 4 at 19:00 is free.", true));
        logs.Lines.Should().Contain(l => l.EventId == 5016 && l.Message.Contains("check_availability", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutHandOffMessage_AnswersWithTheDefaultText()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var gate = new Gate();
        await using var host = CreateHost(platform, gate);

        var pending = host.CallToolAsync("slow_default", new { });
        await host.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var answer = await pending;
        gate.Result.SetResult("done");

        answer.ResultAs<string>().Should().Be(ToolDescriptor.DefaultHandOffMessage);
        (await platform.WaitForCommandsAsync(1))[0].Content.Should().Be("done");
    }

    [Fact]
    public async Task FailsAfterTheHandOff_InjectsTheFailureText()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var gate = new Gate();
        await using var host = CreateHost(platform, gate);

        var pending = host.CallToolAsync("check_availability", new { guests = 4 });
        await host.WaitForTimerAsync(HandOff);
        host.Time.Advance(HandOff);
        (await pending).IsError.Should().BeFalse();
        gate.Result.SetException(new FlireoToolException("The booking system is down; offer to call back."));

        var commands = await platform.WaitForCommandsAsync(1);
        (commands[0].Type, commands[0].Content, commands[0].TriggerResponse).Should().Be(("inject-context", "The booking system is down; offer to call back.", true));
    }

    [Fact]
    public async Task RunsPastItsOwnLimitAfterTheHandOff_InjectsTheTimeoutAndCancelsTheTool()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var gate = new Gate();
        await using var host = CreateHost(platform, gate);

        var pending = host.CallToolAsync("check_availability", new { guests = 4 });
        await host.WaitForTimerAsync(HandOff);
        host.Time.Advance(HandOff);
        await pending;
        await host.WaitForTimerAsync(TimeSpan.FromSeconds(54));
        host.Time.Advance(TimeSpan.FromSeconds(54));

        var commands = await platform.WaitForCommandsAsync(1);
        commands[0].Content.Should().Be("The tool 'check_availability' did not finish within 60 seconds.");
        await gate.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CallEndedBeforeTheResult_IsLoggedAndDroppedWithoutRetry()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        platform.EndCall("call-gone");
        var logs = new PlatformClientHarness.CapturingLoggerProvider();
        var gate = new Gate();
        await using var host = CreateHost(platform, gate, logs);

        var pending = host.CallToolAsync("check_availability", new { guests = 4 }, new CallInfo { Id = "call-gone" });
        await host.WaitForTimerAsync(HandOff);
        host.Time.Advance(HandOff);
        await pending;
        gate.Result.SetResult("A table for 4 at 19:00 is free.");
        await logs.WaitForAsync(WorkItemCompleted, "flireo.announce");

        platform.Requests.Should().ContainSingle().Which.StatusCode.Should().Be(400);
        logs.Lines.Should().Contain(l => l.EventId == 5013 && l.Message.Contains("call-gone", StringComparison.Ordinal));
        logs.Lines.Should().NotContain(l => l.EventId == WorkItemRetrying);
    }

    [Fact]
    public async Task RetriedWebhookAfterTheHandOff_GetsTheHandOffAnswerAndTheToolRunsOnce()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var logs = new PlatformClientHarness.CapturingLoggerProvider();
        var gate = new Gate();
        await using var host = CreateHost(platform, gate, logs);
        var call = new TestToolCall("check_availability", new { guests = 4 }) { Id = "tc-1" };

        var pending = host.CallToolsAsync(call);
        await host.WaitForTimerAsync(HandOff);
        host.Time.Advance(HandOff);
        await pending;
        var again = await host.CallToolsAsync(call);
        gate.Result.SetResult("free");
        await logs.WaitForAsync(WorkItemCompleted, "flireo.announce");

        again.Results[0].Result!.Value.GetString().Should().Be("I'm still checking the book; I'll tell you in a moment.");
        gate.Runs.Should().Be(1);
        platform.Commands.Should().ContainSingle();
    }

    [Fact]
    public async Task RefusedApiKey_DropsTheAnnouncementNamingTheSettingWithoutRetry()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync(options => options.ApiKey = "the-right-key");
        var logs = new PlatformClientHarness.CapturingLoggerProvider();
        var gate = new Gate();
        gate.Result.SetResult("free");
        await using var host = CreateHost(platform, gate, logs, apiKey: "a-wrong-key");

        await host.CallToolAsync("announce_now", new { });
        await logs.WaitForAsync(WorkItemFailed, "flireo.announce");

        platform.Requests.Should().ContainSingle().Which.StatusCode.Should().Be(401);
        logs.Lines.Should().Contain(l => l.EventId == 5015 && l.Level == LogLevel.Error && l.Message.Contains("Flireo:Api:Key", StringComparison.Ordinal));
        logs.Lines.Should().NotContain(l => l.EventId == WorkItemRetrying);
        logs.Lines.Should().NotContain(l => l.Message.Contains("a-wrong-key", StringComparison.Ordinal), "secrets never appear in logs");
    }

    [Fact]
    public async Task MissingApiKey_DropsTheAnnouncementWithoutRetry()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var logs = new PlatformClientHarness.CapturingLoggerProvider();
        var gate = new Gate();
        gate.Result.SetResult("free");
        await using var host = CreateHost(platform, gate, logs, apiKey: null);

        await host.CallToolAsync("announce_now", new { });
        await logs.WaitForAsync(WorkItemFailed, "flireo.announce");

        platform.Requests.Should().BeEmpty();
        logs.Lines.Should().Contain(l => l.EventId == 5015 && l.Message.Contains("Flireo:Api:Key", StringComparison.Ordinal));
        logs.Lines.Should().NotContain(l => l.EventId == WorkItemRetrying);
    }

    [Theory]
    [InlineData(typeof(HandOffWithoutTimeout), "*TimeoutSeconds longer than HandOffAfterSeconds (6)*")]
    [InlineData(typeof(AsyncHandOff), "*HandOffAfterSeconds is for sync tools*")]
    [InlineData(typeof(MessageWithoutHandOff), "*HandOffMessage needs HandOffAfterSeconds*")]
    public void Scan_InvalidHandOff_FailsNamingTheFix(Type tools, string message)
    {
        var act = () => ToolCatalog.Create([tools]);

        act.Should().Throw<FlireoToolsConfigurationException>().WithMessage(message);
    }

    [Fact]
    public async Task HandOffNoSoonerThanTheSyncDeadline_FailsAtStartNamingToolAndSetting()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var services = new ServiceCollection();
        services.AddFlireoTools(options => options.SyncTimeout = TimeSpan.FromSeconds(5)).AddTools<HandOffTools>();
        services.AddSingleton(new Gate());
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<ToolRouter>();

        act.Should().Throw<FlireoToolsConfigurationException>()
            .WithMessage("*The tool 'check_availability' hands off after 6 seconds (HandOffAfterSeconds), which must be shorter than Flireo:SyncTimeout (5 seconds)*");
    }

    private static FlireoTestHost CreateHost(FakeFlireoPlatform platform, Gate gate, ILoggerProvider? logs = null, string? apiKey = FakeFlireoPlatform.DefaultApiKey) => FlireoTestHost.Create(
        services =>
        {
            if (logs is not null)
            {
                services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
            }

            services.AddSingleton(gate);
            services.AddFlireoTools().AddTools<HandOffTools>();
        },
        options =>
        {
            options.Settings["Flireo:Api:BaseUrl"] = platform.BaseUrl.ToString();
            options.Settings["Flireo:Api:Key"] = apiKey;
        });

    /// <summary>Lets a test decide when and how a tool ends.</summary>
    public sealed class Gate
    {
        private int _runs;

        public TaskCompletionSource<string> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs => Volatile.Read(ref _runs);

        public async Task<string> WaitAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            using var registration = cancellationToken.Register(() => Cancelled.TrySetResult());
            return await Result.Task.WaitAsync(cancellationToken);
        }
    }

    public sealed class HandOffTools(Gate gate)
    {
        [FlireoTool("check_availability", HandOffAfterSeconds = 6, TimeoutSeconds = 60, HandOffMessage = "I'm still checking the book; I'll tell you in a moment.", Description = "Checks for a free table.")]
        public Task<string> CheckAvailabilityAsync(int guests, CancellationToken cancellationToken) => gate.WaitAsync(cancellationToken);

        [FlireoTool("slow_default", HandOffAfterSeconds = 2, TimeoutSeconds = 30, Description = "Slow.")]
        public Task<string> SlowAsync(CancellationToken cancellationToken) => gate.WaitAsync(cancellationToken);

        [FlireoTool("announce_now", Async = true, AnnounceResult = true, Description = "Announces.")]
        public Task<string> AnnounceAsync(CancellationToken cancellationToken) => gate.WaitAsync(cancellationToken);
    }

    public sealed class HandOffWithoutTimeout
    {
        [FlireoTool("hand_off", HandOffAfterSeconds = 6, Description = "x")]
        public static string Run() => "x";
    }

    public sealed class AsyncHandOff
    {
        [FlireoTool("hand_off", Async = true, HandOffAfterSeconds = 6, TimeoutSeconds = 60, Description = "x")]
        public static Task Run() => Task.CompletedTask;
    }

    public sealed class MessageWithoutHandOff
    {
        [FlireoTool("hand_off", HandOffMessage = "wait", Description = "x")]
        public static string Run() => "x";
    }
}
