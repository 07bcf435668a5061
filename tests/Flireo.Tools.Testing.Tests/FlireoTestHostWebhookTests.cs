using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Protocol;
using Flireo.Tools.Testing.Tests.Support;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Testing.Tests;

public sealed class FlireoTestHostWebhookTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Probe _probe = new();
    private FlireoTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = SampleHost.Create(_probe, o => o.AssistantMetadata = new JsonObject { ["crm_id"] = "42" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SendAssistantRequest_HandlerPersonalises_ReturnsTheAssistantAndMaxDuration()
    {
        var answer = await _host.SendAssistantRequestAsync();

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Response!.Assistant!["first_message"]!.GetValue<string>().Should().Be("Hello +31612345678");
        answer.Response.MaxDuration.Should().Be(TimeSpan.FromMinutes(5));
        answer.Body.Should().Contain("\"max_duration_seconds\":300");
    }

    [Fact]
    public async Task SendAssistantRequest_HandlerRejects_ReturnsTheSpokenError()
    {
        var answer = await _host.SendAssistantRequestAsync(new CallInfo { Id = "c-1", CustomerNumber = "+31600000000" });

        answer.Response!.Error.Should().Be("Sorry, we are closed.");
        answer.Response.Assistant.Should().BeNull();
    }

    [Fact]
    public async Task SendAssistantRequest_NoHandler_ReturnsTheDefaultAnswer()
    {
        await using var host = FlireoTestHost.Create(services => services.AddFlireoTools().AddTools<SampleTools>().Services.AddSingleton(new Probe()));

        var answer = await host.SendAssistantRequestAsync();

        answer.Body.Should().Be("{}");
        answer.Response.Should().BeSameAs(AssistantResponse.Default);
    }

    [Fact]
    public async Task SendStatusUpdate_Always_IsAcknowledgedAndReachesTheHandler()
    {
        var answer = await _host.SendStatusUpdateAsync(new StatusUpdate { Status = "ended-with-error", Error = "STT connection failed", EndReason = "error" });
        var update = await _probe.StatusUpdates.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        update.Status.Should().Be("ended-with-error");
        update.Error.Should().Be("STT connection failed");
        update.EndReason.Should().Be("error");
        update.Call.Id.Should().Be("test-call");
        update.Call.CustomerNumber.Should().Be("+31612345678");
        update.Casing.Should().Be(WebhookCasing.SnakeCase);
        update.AssistantMetadata!.Value.GetProperty("crm_id").GetString().Should().Be("42");
    }

    [Fact]
    public async Task SendStatusUpdate_OwnCallAndTimestamp_AreSent()
    {
        var sent = new DateTimeOffset(2026, 3, 4, 12, 30, 0, TimeSpan.Zero);

        await _host.SendStatusUpdateAsync(new StatusUpdate { Status = "in-progress", Timestamp = sent, Call = new CallInfo { Id = "c-7", Type = "web_call" } });
        var update = await _probe.StatusUpdates.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        update.Call.Id.Should().Be("c-7");
        update.Call.Type.Should().Be("web_call");
        update.Call.CustomerNumber.Should().BeNull();
        update.Timestamp.Should().Be(sent);
    }

    [Fact]
    public async Task SendEndOfCallReport_Always_IsAcknowledgedAndReachesTheHandlerWithEveryField()
    {
        using var analysis = JsonDocument.Parse("""{"sentiment":8}""");
        var started = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

        var answer = await _host.SendEndOfCallReportAsync(new EndOfCallReport
        {
            DurationSeconds = 84,
            Summary = "Booked a table for two.",
            Analysis = analysis.RootElement,
            Messages = [new TranscriptMessage("assistant", "Good evening!"), new TranscriptMessage("user", "A table for two, please.")],
            RecordingUrl = "https://rec.example/1.mp3",
            EndReason = "user_hangup",
            StartedAt = started,
            EndedAt = started.AddSeconds(84),
        });
        var report = await _probe.Reports.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        report.Call.Status.Should().Be("ended");
        report.DurationSeconds.Should().Be(84);
        report.Summary.Should().Be("Booked a table for two.");
        report.Analysis!.Value.GetProperty("sentiment").GetInt32().Should().Be(8);
        report.Messages.Should().Equal(new TranscriptMessage("assistant", "Good evening!"), new TranscriptMessage("user", "A table for two, please."));
        report.RecordingUrl.Should().Be("https://rec.example/1.mp3");
        report.EndReason.Should().Be("user_hangup");
        report.StartedAt.Should().Be(started);
        report.EndedAt.Should().Be(started.AddSeconds(84));
    }

    [Fact]
    public async Task CallTool_AssistantMetadataOption_ReachesTheToolContext()
    {
        var caller = (await _host.CallToolAsync("who_is_calling")).ResultAs<Caller>();

        caller.Metadata.Should().Be("""{"crm_id":"42"}""");
    }

    [Fact]
    public async Task SendAsync_UnknownWebhookType_IsAcknowledged()
    {
        var answer = await _host.SendAsync("""{"message":{"type":"transcript-update","call":{"id":"c-1"}}}""");

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.RejectionReason.Should().BeNull();
    }

    [Fact]
    public async Task SendAsync_EventHeaderFollowsTheBody_SoAMismatchCannotHappen()
    {
        using var request = _host.CreateRequest("""{"message":{"type":"status-update","call":{"id":"c-1","status":"ended"}}}""");

        request.Headers.GetValues(Flireo.Tools.Security.WebhookSignature.EventHeader).Should().Equal("status-update");
    }
}
