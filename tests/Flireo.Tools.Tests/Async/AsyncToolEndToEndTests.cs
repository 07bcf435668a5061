using System.Threading.Channels;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.Tests.Async;

public sealed class AsyncToolEndToEndTests
{
    [Fact]
    public async Task RouteAsync_AsyncToolInAHost_AcknowledgesAndRunsTheToolOnceInTheBackground()
    {
        var probe = new NotificationProbe();
        using var host = await StartHostAsync<NotificationTools>(probe);
        var router = host.Services.GetRequiredService<ToolRouter>();
        var arguments = new { phone = "+31612345678", text = "Your table is ready" };
        using var webhook = TestWebhooks.ToolCalls(("sms-1", "notify_guest", arguments));
        using var retriedWebhook = TestWebhooks.ToolCalls(("sms-1", "notify_guest", arguments));

        var answer = await router.RouteAsync(webhook, CancellationToken.None);
        var notification = await probe.Notifications.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);
        var retriedAnswer = await router.RouteAsync(retriedWebhook, CancellationToken.None);
        await host.StopAsync().WaitAsync(TestTimeout.Value);

        answer.Results.Should().ContainSingle().Which.Error.Should().BeNull();
        retriedAnswer.Results.Should().ContainSingle().Which.Error.Should().BeNull();
        notification.Should().Be(("sms-1", "+31612345678", "Your table is ready"));
        probe.Notifications.Reader.Count.Should().Be(0, "the retried webhook must not run the tool again");
    }

    [Fact]
    public async Task RouteAsync_NonBlockingAsyncTool_RunsInTheBackgroundOnTheWorkersThread_NotTheToolScheduler()
    {
        var probe = new NotificationProbe();
        using var host = await StartHostAsync<NonBlockingNotificationTools>(probe);
        var router = host.Services.GetRequiredService<ToolRouter>();
        using var webhook = TestWebhooks.ToolCalls(("sms-2", "notify_guest_inline", new { phone = "+31612345678", text = "Ready" }));

        var answer = await router.RouteAsync(webhook, CancellationToken.None);
        var notification = await probe.Notifications.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);
        await host.StopAsync().WaitAsync(TestTimeout.Value);

        answer.Results.Should().ContainSingle().Which.Error.Should().BeNull();
        notification.Should().Be(("sms-2", "+31612345678", "on the tool scheduler: False"));
    }

    // A host with the in-memory queue's processor running and the tools of T.
    private static async Task<IHost> StartHostAsync<T>(NotificationProbe probe)
        where T : class
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(probe);
        builder.Services.AddFlireoTools(o => o.WebhookSecret = "test-secret").AddTools<T>();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    internal sealed class NotificationProbe
    {
        public Channel<(string ToolCallId, string Phone, string Text)> Notifications { get; } = Channel.CreateUnbounded<(string, string, string)>();
    }

    internal sealed class NotificationTools(NotificationProbe probe)
    {
        [FlireoTool("notify_guest", Async = true)]
        public Task NotifyGuestAsync(string phone, string text, ToolCallContext call)
        {
            probe.Notifications.Writer.TryWrite((call.ToolCallId, phone, text));
            return Task.CompletedTask;
        }
    }

    internal sealed class NonBlockingNotificationTools(NotificationProbe probe)
    {
        [FlireoTool("notify_guest_inline", Async = true, NonBlocking = true)]
        public Task NotifyGuestAsync(string phone, string text, ToolCallContext call)
        {
            probe.Notifications.Writer.TryWrite((call.ToolCallId, phone, $"on the tool scheduler: {TaskScheduler.Current == Flireo.Tools.Invocation.ToolTaskScheduler.Shared}"));
            return Task.CompletedTask;
        }
    }
}
