using System.Text;
using System.Text.Json.Nodes;
using Flireo.Tools.Protocol;
using Flireo.Tools.Testing;
using Flireo.Tools.Tests.Webhooks.Support;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Tests.Webhooks;

public sealed class WebhookDispatcherTests : IDisposable
{
    private const string AssistantRequestJson = """
        {"message":{"type":"assistant-request","call":{"id":"call-1","type":"inbound_phone_call","status":"ringing"},
        "customer":{"number":"+31612345678"}}}
        """;

    private const string StatusUpdateJson = """
        {"message":{"type":"status-update","call":{"id":"call-2","type":"inbound_phone_call","status":"ended"},"end_reason":"user_hangup"}}
        """;

    private const string ReportJson = """
        {"message":{"type":"end-of-call-report","call":{"id":"call-3","status":"ended"},"duration_seconds":30,"summary":"ok"}}
        """;

    private static readonly TimeSpan AssistantTimeout = TimeSpan.FromSeconds(4.5);
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    private readonly TimerTrackingTimeProvider _time = TestClock.CreateTracking();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly Probe _probe = new();
    private ServiceProvider? _provider;

    public void Dispose() => _provider?.Dispose();

    private WebhookDispatcher Build(Action<IFlireoToolsBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(_probe);
        services.AddScoped<ScopeMarker>();
        services.Configure<FlireoToolsOptions>(options =>
        {
            options.AssistantRequestTimeout = AssistantTimeout;
            options.EventHandlerTimeout = EventTimeout;
        });
        services.AddFlireoWebhookDispatch();
        configure(new TestFlireoToolsBuilder(services));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return _provider.GetRequiredService<WebhookDispatcher>();
    }

    private WebhookEventRunner Runner => _provider!.GetRequiredService<WebhookEventRunner>();

    private static WebhookMessage Parse(string json)
    {
        WebhookMessage.TryParse(Encoding.UTF8.GetBytes(json), out var message, out var error).Should().BeTrue(error);
        return message!;
    }

    [Fact]
    public async Task HandleAssistantRequest_NoHandler_ReturnsDefault()
    {
        var dispatcher = Build(_ => { });
        using var message = Parse(AssistantRequestJson);

        var response = await dispatcher.HandleAssistantRequestAsync(message, CancellationToken.None);

        response.Should().BeSameAs(AssistantResponse.Default);
        dispatcher.HasAssistantRequestHandler.Should().BeFalse();
    }

    [Fact]
    public async Task HandleAssistantRequest_Handler_ReturnsItsAnswerBuiltFromTheCall()
    {
        var dispatcher = Build(b => b.AddAssistantRequestHandler<GreetingAssistantHandler>());
        using var message = Parse(AssistantRequestJson);

        var response = await dispatcher.HandleAssistantRequestAsync(message, CancellationToken.None);

        response.Assistant!["first_message"]!.GetValue<string>().Should().Be("Hallo +31612345678 (call-1)");
    }

    [Fact]
    public async Task HandleAssistantRequest_HandlerIgnoresCancellation_AnswersDefaultAtTheDeadlineWithoutWaiting()
    {
        var dispatcher = Build(b => b.AddAssistantRequestHandler<StubbornAssistantHandler>());
        var message = Parse(AssistantRequestJson);

        var pending = dispatcher.HandleAssistantRequestAsync(message, CancellationToken.None).AsTask();
        await _probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _time.WaitForTimerAsync(AssistantTimeout);
        _time.Advance(AssistantTimeout - TimeSpan.FromMilliseconds(1));
        var earlyCompleted = pending.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        message.Dispose();
        var token = await _probe.Token.Task;

        earlyCompleted.Should().BeFalse();
        response.Should().BeSameAs(AssistantResponse.Default);
        token.IsCancellationRequested.Should().BeTrue();
        _probe.Release.Task.IsCompleted.Should().BeFalse("the handler is still running and was not waited for");
        (await _logs.WaitForAsync(e => e.EventId.Id == 4001)).Level.Should().Be(LogLevel.Warning);

        _probe.Release.SetResult();
        var seen = await _probe.SeenAfterRelease.Task.WaitAsync(TimeSpan.FromSeconds(10));
        seen.Should().Be("ringing", "the request model is a copy that outlives the disposed message");
    }

    [Fact]
    public async Task HandleAssistantRequest_HandlerThrows_ReturnsDefaultAndLogsErrorWithException()
    {
        var dispatcher = Build(b => b.AddAssistantRequestHandler<ThrowingAssistantHandler>());
        using var message = Parse(AssistantRequestJson);

        var response = await dispatcher.HandleAssistantRequestAsync(message, CancellationToken.None);

        response.Should().BeSameAs(AssistantResponse.Default);
        var entry = await _logs.WaitForAsync(e => e.EventId.Id == 4002);
        entry.Level.Should().Be(LogLevel.Error);
        entry.Exception.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("database password is hunter2");
        entry.Message.Should().Contain("call-1");
    }

    [Fact]
    public async Task HandleAssistantRequest_HandlerReturnsNull_ReturnsDefault()
    {
        var dispatcher = Build(b => b.AddAssistantRequestHandler<NullAssistantHandler>());
        using var message = Parse(AssistantRequestJson);

        var response = await dispatcher.HandleAssistantRequestAsync(message, CancellationToken.None);

        response.Should().BeSameAs(AssistantResponse.Default);
        (await _logs.WaitForAsync(e => e.EventId.Id == 4003)).Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public async Task HandleAssistantRequest_CallerCancels_ThrowsAndCancelsTheHandler()
    {
        var dispatcher = Build(b => b.AddAssistantRequestHandler<StubbornAssistantHandler>());
        using var message = Parse(AssistantRequestJson);
        using var aborted = new CancellationTokenSource();

        var pending = dispatcher.HandleAssistantRequestAsync(message, aborted.Token).AsTask();
        await _probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await aborted.CancelAsync();
        var act = () => pending.WaitAsync(TimeSpan.FromSeconds(10));

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await _probe.Token.Task).IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public async Task Publish_StatusUpdate_RunsEveryHandlerInItsOwnScopeWithACopyOfTheMessage()
    {
        var dispatcher = Build(b => b.AddStatusUpdateHandler<RecordingStatusHandler>().AddStatusUpdateHandler<SecondStatusHandler>());
        var message = Parse(StatusUpdateJson);

        dispatcher.Publish(message);
        message.Dispose();
        var first = await _probe.StatusUpdates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var second = await _probe.StatusUpdates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        new[] { first.Handler, second.Handler }.Should().BeEquivalentTo([nameof(RecordingStatusHandler), nameof(SecondStatusHandler)]);
        first.Scope.Should().NotBeSameAs(second.Scope);
        first.Update.Status.Should().Be("ended");
        first.Update.EndReason.Should().Be("user_hangup");
        first.Update.Call.Id.Should().Be("call-2");
        first.MessageType.Should().Be("status-update");
    }

    [Fact]
    public async Task Publish_StatusUpdate_DisposesEachHandlerScopeAfterwards()
    {
        var dispatcher = Build(b => b.AddStatusUpdateHandler<RecordingStatusHandler>());
        using var message = Parse(StatusUpdateJson);

        dispatcher.Publish(message);
        var seen = await _probe.StatusUpdates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await _logs.WaitForAsync(e => e.EventId.Id == 4010);

        seen.Scope.Disposed.Task.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task Publish_EndOfCallReport_RunsHandlerWithTypedReport()
    {
        var dispatcher = Build(b => b.AddEndOfCallReportHandler<RecordingReportHandler>());
        using var message = Parse(ReportJson);

        dispatcher.Publish(message);
        var report = await _probe.Reports.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        report.DurationSeconds.Should().Be(30);
        report.Summary.Should().Be("ok");
        report.Call.Id.Should().Be("call-3");
    }

    [Fact]
    public async Task Publish_FailingHandler_IsLoggedOnceAndOtherHandlersStillRun()
    {
        var dispatcher = Build(b => b.AddEndOfCallReportHandler<FailingReportHandler>().AddEndOfCallReportHandler<RecordingReportHandler>());
        using var message = Parse(ReportJson);

        dispatcher.Publish(message);
        var report = await _probe.Reports.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var failure = await _logs.WaitForAsync(e => e.EventId.Id == 4012);

        report.Call.Id.Should().Be("call-3");
        failure.Level.Should().Be(LogLevel.Error);
        failure.Message.Should().Contain(nameof(FailingReportHandler)).And.Contain("end-of-call-report").And.Contain("call-3");
        failure.Exception.Should().BeOfType<InvalidOperationException>();
        _probe.FailingCalls.Should().Be(1, "a failed handler is not retried");
    }

    [Fact]
    public async Task Publish_HandlerIgnoresCancellation_IsCancelledAndLoggedAtTheTimeout()
    {
        var dispatcher = Build(b => b.AddStatusUpdateHandler<StubbornStatusHandler>());
        using var message = Parse(StatusUpdateJson);

        dispatcher.Publish(message);
        await _probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _time.WaitForTimerAsync(EventTimeout);
        var pendingBefore = Runner.Pending;
        _time.Advance(EventTimeout);
        var entry = await _logs.WaitForAsync(e => e.EventId.Id == 4011);

        pendingBefore.Should().Be(1);
        entry.Level.Should().Be(LogLevel.Warning);
        (await _probe.Token.Task).IsCancellationRequested.Should().BeTrue();
        _probe.Release.Task.IsCompleted.Should().BeFalse();

        // A timed-out handler is no longer tracked: shutdown does not wait for it (the clock is not advanced again).
        await Runner.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        _probe.Release.SetResult();
    }

    [Fact]
    public void Publish_NoHandlers_StartsNothing()
    {
        var dispatcher = Build(_ => { });
        using var message = Parse(StatusUpdateJson);

        dispatcher.Publish(message);

        Runner.Pending.Should().Be(0);
        _probe.StatusUpdates.Reader.TryPeek(out _).Should().BeFalse();
    }

    [Fact]
    public void Publish_UnknownType_IsLoggedOncePerType()
    {
        var dispatcher = Build(_ => { });
        using var first = Parse("""{"message":{"type":"transcript"}}""");
        using var second = Parse("""{"message":{"type":"transcript"}}""");
        using var other = Parse("""{"message":{"type":"hang"}}""");

        dispatcher.Publish(first);
        dispatcher.Publish(second);
        dispatcher.Publish(other);

        _logs.Entries.Where(e => e.EventId.Id == 4013).Select(e => e.Message)
            .Should().HaveCount(2).And.Contain(m => m.Contains("transcript")).And.Contain(m => m.Contains("hang"));
    }

    [Fact]
    public async Task StopAsync_HandlerRunning_WaitsForIt()
    {
        var dispatcher = Build(b => b.AddStatusUpdateHandler<StubbornStatusHandler>());
        using var message = Parse(StatusUpdateJson);
        dispatcher.Publish(message);
        await _probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = Runner.StopAsync(CancellationToken.None);
        var stoppedEarly = stopping.IsCompleted;
        _probe.Release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        stoppedEarly.Should().BeFalse();
        (await _probe.Token.Task).IsCancellationRequested.Should().BeFalse("the handler finished within the grace period");
        (await _logs.WaitForAsync(e => e.EventId.Id == 4014)).Message.Should().Contain("1 webhook handler");
    }

    [Fact]
    public async Task StopAsync_HandlerStillRunningAfterGracePeriod_CancelsItAndReturns()
    {
        var dispatcher = Build(b => b.AddStatusUpdateHandler<StubbornStatusHandler>());
        using var message = Parse(StatusUpdateJson);
        dispatcher.Publish(message);
        await _probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = Runner.StopAsync(CancellationToken.None);
        await _time.WaitForTimerAsync(WebhookEventRunner.ShutdownGracePeriod);
        _time.Advance(WebhookEventRunner.ShutdownGracePeriod);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        (await _probe.Token.Task).IsCancellationRequested.Should().BeTrue();
        (await _logs.WaitForAsync(e => e.EventId.Id == 4015)).Level.Should().Be(LogLevel.Warning);
        _probe.Release.SetResult();
    }

    [Fact]
    public async Task StopAsync_AgainAfterDisposal_WaitsForTheFirstStop()
    {
        // A host the app runs stops and disposes itself; WebApplicationFactory then stops it once more.
        var dispatcher = Build(b => b.AddStatusUpdateHandler<StubbornStatusHandler>());
        using var message = Parse(StatusUpdateJson);
        dispatcher.Publish(message);
        await _probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var runner = Runner;
        var first = runner.StopAsync(CancellationToken.None);
        runner.Dispose();

        var again = runner.StopAsync(CancellationToken.None);
        _probe.Release.SetResult();

        again.Should().BeSameAs(first);
        await again.Invoking(t => t.WaitAsync(TimeSpan.FromSeconds(10))).Should().NotThrowAsync("disposal while the first stop waited already cancelled the handlers");
        (await _probe.Token.Task).IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public async Task StopAsync_AfterDisposalWithoutAStop_DoesNothing()
    {
        Build(b => b.AddStatusUpdateHandler<StubbornStatusHandler>());
        var runner = Runner;
        runner.Dispose();

        await runner.Invoking(r => r.StopAsync(CancellationToken.None)).Should().NotThrowAsync();
    }

    public sealed class Probe
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<CancellationToken> Token { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string?> SeenAfterRelease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public System.Threading.Channels.Channel<(string Handler, ScopeMarker Scope, StatusUpdate Update, string? MessageType)> StatusUpdates { get; } =
            System.Threading.Channels.Channel.CreateUnbounded<(string, ScopeMarker, StatusUpdate, string?)>();

        public System.Threading.Channels.Channel<EndOfCallReport> Reports { get; } = System.Threading.Channels.Channel.CreateUnbounded<EndOfCallReport>();

        private int _failingCalls;

        public int FailingCalls => Volatile.Read(ref _failingCalls);

        public void CountFailure() => Interlocked.Increment(ref _failingCalls);
    }

    public sealed class ScopeMarker : IDisposable
    {
        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => Disposed.TrySetResult();
    }

    private sealed class GreetingAssistantHandler : IAssistantRequestHandler
    {
        public ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken)
            => ValueTask.FromResult(AssistantResponse.UseAssistant(new JsonObject { ["first_message"] = $"Hallo {request.Call.CustomerNumber} ({request.Call.Id})" }));
    }

    private sealed class StubbornAssistantHandler(Probe probe) : IAssistantRequestHandler
    {
        public async ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken)
        {
            probe.Token.TrySetResult(cancellationToken);
            probe.Started.TrySetResult();
            await probe.Release.Task;
            probe.SeenAfterRelease.TrySetResult(request.Message.GetProperty("call").GetProperty("status").GetString());
            return AssistantResponse.Reject("too late");
        }
    }

    private sealed class ThrowingAssistantHandler : IAssistantRequestHandler
    {
        public ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken)
            => throw new InvalidOperationException("database password is hunter2");
    }

    private sealed class NullAssistantHandler : IAssistantRequestHandler
    {
        public ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<AssistantResponse>(null!);
    }

    private sealed class RecordingStatusHandler(Probe probe, ScopeMarker scope) : IStatusUpdateHandler
    {
        public async ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken)
            => await probe.StatusUpdates.Writer.WriteAsync((nameof(RecordingStatusHandler), scope, update, update.Message.GetProperty("type").GetString()), cancellationToken);
    }

    private sealed class SecondStatusHandler(Probe probe, ScopeMarker scope) : IStatusUpdateHandler
    {
        public async ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken)
            => await probe.StatusUpdates.Writer.WriteAsync((nameof(SecondStatusHandler), scope, update, update.Message.GetProperty("type").GetString()), cancellationToken);
    }

    private sealed class StubbornStatusHandler(Probe probe) : IStatusUpdateHandler
    {
        public async ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken)
        {
            probe.Token.TrySetResult(cancellationToken);
            probe.Started.TrySetResult();
            await probe.Release.Task;
        }
    }

    private sealed class RecordingReportHandler(Probe probe) : IEndOfCallReportHandler
    {
        public async ValueTask HandleAsync(EndOfCallReport report, CancellationToken cancellationToken)
            => await probe.Reports.Writer.WriteAsync(report, cancellationToken);
    }

    private sealed class FailingReportHandler(Probe probe) : IEndOfCallReportHandler
    {
        public ValueTask HandleAsync(EndOfCallReport report, CancellationToken cancellationToken)
        {
            probe.CountFailure();
            throw new InvalidOperationException("CRM down");
        }
    }
}
