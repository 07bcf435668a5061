using System.Net;
using Flireo.Tools.AspNetCore.Tests.Support;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.AspNetCore.Tests;

public sealed class MapFlireoWebhooksHandlerTests
{
    private static readonly TimeSpan AssistantTimeout = TimeSpan.FromSeconds(4.5);

    [Fact]
    public async Task Post_AssistantRequestWithoutHandler_AnswersEmptyObject()
    {
        await using var host = await WebhookHost.StartAsync();

        using var response = await host.PostSignedAsync(Bodies.AssistantRequest);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
    }

    [Fact]
    public async Task Post_AssistantRequest_HandlerSeesTheCallAndItsAnswerIsWrittenInSnakeCase()
    {
        await using var host = await WebhookHost.StartAsync(tools: b => b.AddAssistantRequestHandler<GreetingHandler>());

        using var response = await host.PostSignedAsync(Bodies.AssistantRequest);
        var request = await host.Probe.AssistantRequests.Reader.ReadAsync();

        (await response.Content.ReadAsStringAsync()).Should().Be("""{"assistant":{"first_message":"Hallo +31612345678"},"max_duration_seconds":300}""");
        request.Call.Id.Should().Be("c-3");
        request.Call.Status.Should().Be("ringing");
        request.Call.PhoneNumber.Should().Be(new PhoneNumberInfo("p-1", "+31850835037", "Desk"));
        request.Casing.Should().Be(WebhookCasing.SnakeCase);
    }

    [Fact]
    public async Task Post_CamelCaseAssistantRequest_AnswerUsesCamelCaseTopLevelKeys()
    {
        await using var host = await WebhookHost.StartAsync(tools: b => b.AddAssistantRequestHandler<GreetingHandler>());

        using var response = await host.PostSignedAsync(Bodies.CamelAssistantRequest);

        (await response.Content.ReadAsStringAsync()).Should().Contain("\"maxDurationSeconds\":300");
    }

    [Fact]
    public async Task Post_AssistantRequestWithForcedCasing_UsesTheOption()
    {
        await using var host = await WebhookHost.StartAsync(o => o.ResponseCasing = WebhookCasing.CamelCase, b => b.AddAssistantRequestHandler<SavedAssistantHandler>());

        using var response = await host.PostSignedAsync(Bodies.AssistantRequest);

        (await response.Content.ReadAsStringAsync()).Should().Be("""{"assistantId":"a-1","assistantOverride":{"first_message":"Goedemorgen"}}""");
    }

    [Fact]
    public async Task Post_AssistantRequestRejected_AnswersErrorText()
    {
        await using var host = await WebhookHost.StartAsync(tools: b => b.AddAssistantRequestHandler<GreetingHandler>());

        using var response = await host.PostSignedAsync(Bodies.AssistantRequest.Replace("+31612345678", "+31600000000", StringComparison.Ordinal));

        (await response.Content.ReadAsStringAsync()).Should().Be("""{"error":"Sorry, we zijn gesloten."}""");
    }

    [Fact]
    public async Task Post_AssistantRequestHandlerHangs_AnswersEmptyObjectAtTheDeadline()
    {
        await using var host = await WebhookHost.StartAsync(tools: b => b.AddAssistantRequestHandler<StubbornAssistantHandler>());

        var pending = host.PostSignedAsync(Bodies.AssistantRequest);
        await host.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await host.Time.WaitForTimerAsync(AssistantTimeout);
        host.Time.Advance(AssistantTimeout);
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
        (await host.Probe.Token.Task).IsCancellationRequested.Should().BeTrue();
        host.Probe.Release.Task.IsCompleted.Should().BeFalse();
        (await host.Logs.WaitForAsync(e => e.EventId.Id == 4001)).Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public async Task Post_AssistantRequestHandlerThrows_AnswersEmptyObjectLogsAndLeaksNothing()
    {
        await using var host = await WebhookHost.StartAsync(o => o.IncludeDetailedErrors = false, b => b.AddAssistantRequestHandler<ThrowingAssistantHandler>());

        using var response = await host.PostSignedAsync(Bodies.AssistantRequest);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Be("{}");
        var entry = await host.Logs.WaitForAsync(e => e.EventId.Id == 4002);
        entry.Level.Should().Be(LogLevel.Error);
        entry.Exception!.Message.Should().Contain("hunter2");
    }

    [Fact]
    public async Task Post_StatusUpdate_Answers200AtOnceWhileTheHandlerStillRuns()
    {
        await using var host = await WebhookHost.StartAsync(tools: b => b.AddStatusUpdateHandler<StubbornStatusHandler>().AddStatusUpdateHandler<RecordingStatusHandler>());

        using var response = await host.PostSignedAsync(Bodies.StatusUpdate);
        var update = await host.Probe.StatusUpdates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await host.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
        host.Probe.Release.Task.IsCompleted.Should().BeFalse("the answer did not wait for the slow handler");
        update.Status.Should().Be("ended-with-error");
        update.Error.Should().Be("STT connection failed");
        update.Call.Id.Should().Be("c-5");
    }

    [Fact]
    public async Task Post_EndOfCallReport_HandlerGetsTheTypedReport()
    {
        await using var host = await WebhookHost.StartAsync(tools: b => b.AddEndOfCallReportHandler<RecordingReportHandler>());

        using var response = await host.PostSignedAsync(Bodies.EndOfCallReport);
        var report = await host.Probe.Reports.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        report.DurationSeconds.Should().Be(84);
        report.Summary.Should().Be("Klant vroeg naar openingstijden.");
        report.Analysis!.Value.GetProperty("sentiment").GetInt32().Should().Be(8);
        report.Casing.Should().Be(WebhookCasing.CamelCase);
    }

    [Fact]
    public async Task Post_EndOfCallReportHandlerFails_Answers200AndLogsTheFailure()
    {
        await using var host = await WebhookHost.StartAsync(tools: b => b.AddEndOfCallReportHandler<FailingReportHandler>().AddEndOfCallReportHandler<RecordingReportHandler>());

        using var response = await host.PostSignedAsync(Bodies.EndOfCallReport);
        var entry = await host.Logs.WaitForAsync(e => e.EventId.Id == 4012);
        var report = await host.Probe.Reports.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        entry.Level.Should().Be(LogLevel.Error);
        entry.Message.Should().Contain(nameof(FailingReportHandler)).And.Contain("c-6");
        report.Call.Id.Should().Be("c-6", "the other handler still ran");
    }

    [Fact]
    public async Task StopAsync_HandlerRunning_HostWaitsForIt()
    {
        var host = await WebhookHost.StartAsync(tools: b => b.AddStatusUpdateHandler<StubbornStatusHandler>());
        using var response = await host.PostSignedAsync(Bodies.StatusUpdate);
        await host.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHost>().StopAsync();
        var waitedForHandler = await host.Logs.WaitForAsync(e => e.EventId.Id == 4014);
        var stoppedEarly = stopping.IsCompleted;
        host.Probe.Release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        await host.DisposeAsync();

        stoppedEarly.Should().BeFalse();
        waitedForHandler.Message.Should().Contain("1 webhook handler");
    }
}
