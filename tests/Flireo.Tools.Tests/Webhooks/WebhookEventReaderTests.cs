using System.Text;
using System.Text.Json;
using Flireo.Tools.Protocol;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Tests.Webhooks;

public class WebhookEventReaderTests
{
    private const string SnakeStatusUpdate = """
        {"message":{"type":"status-update","timestamp":"2026-03-24T12:00:00.000Z",
        "call":{"id":"c-1","type":"inbound_phone_call","status":"ended-with-error"},
        "phone_number":{"id":"p1","number":"+31850835037","name":"Desk"},"customer":{"number":"+31612345678"},
        "assistant":{"name":"Receptie","metadata":{"crm_id":"42"}},
        "error":"STT connection failed","end_reason":"error"}}
        """;

    private const string CamelStatusUpdate = """
        {"message":{"type":"status-update","timestamp":"2025-12-13T12:00:00.000Z",
        "call":{"id":"c-2","type":"inboundPhoneCall","status":"in-progress"},
        "phoneNumber":{"number":"+31850835037","name":"Flireo Demo"},"customer":{"number":"+31612345678"},
        "endReason":"none-yet"}}
        """;

    private const string SnakeReport = """
        {"message":{"type":"end-of-call-report","call":{"id":"c-3","type":"web_call","status":"ended"},
        "phone_number":{"id":null,"number":null,"name":"Web"},"customer":{"number":null},
        "assistant":{"metadata":{"campaign_id":"spring"}},
        "duration_seconds":84,"summary":"Klant vroeg naar openingstijden.",
        "analysis":{"sentiment":8,"vraag_beantwoord":true},
        "messages":[{"role":"system","content":"Je bent een receptionist."},{"role":"user","content":"Hallo"},
                    {"role":"assistant","content":["a","b"]},{"role":"tool"},"not-an-object"],
        "recording_url":"https://rec.example.com/c-3.wav","end_reason":"user_hangup",
        "started_at":"2026-03-24T12:00:00Z","ended_at":"2026-03-24T12:01:24Z"}}
        """;

    private const string CamelReport = """
        {"message":{"type":"end-of-call-report","call":{"id":"c-4","type":"inboundPhoneCall","status":"ended"},
        "phoneNumber":{"number":"+31850835037","name":"Demo"},
        "durationSeconds":12.5,"summary":"Kort gesprek.","analysis":{"ok":true},
        "recordingUrl":"https://rec.example.com/c-4.wav","endReason":"max_duration",
        "startedAt":"2025-12-13T12:00:00.000Z","endedAt":"2025-12-13T12:00:12.500Z"}}
        """;

    private static WebhookMessage Parse(string json)
    {
        WebhookMessage.TryParse(Encoding.UTF8.GetBytes(json), out var message, out var error).Should().BeTrue(error);
        return message!;
    }

    [Fact]
    public void ReadStatusUpdate_SnakeCase_ReadsEveryField()
    {
        using var message = Parse(SnakeStatusUpdate);

        var update = WebhookEventReader.ReadStatusUpdate(message);

        update.Casing.Should().Be(WebhookCasing.SnakeCase);
        update.Status.Should().Be("ended-with-error");
        update.Error.Should().Be("STT connection failed");
        update.EndReason.Should().Be("error");
        update.Timestamp.Should().Be(new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.Zero));
        update.Call.Id.Should().Be("c-1");
        update.Call.Type.Should().Be("inbound_phone_call");
        update.Call.CustomerNumber.Should().Be("+31612345678");
        update.Call.PhoneNumber.Should().Be(new PhoneNumberInfo("p1", "+31850835037", "Desk"));
        update.AssistantMetadata!.Value.GetProperty("crm_id").GetString().Should().Be("42");
        update.Assistant!.Value.GetProperty("name").GetString().Should().Be("Receptie");
    }

    [Fact]
    public void ReadStatusUpdate_CamelCase_ReadsEveryField()
    {
        using var message = Parse(CamelStatusUpdate);

        var update = WebhookEventReader.ReadStatusUpdate(message);

        update.Casing.Should().Be(WebhookCasing.CamelCase);
        update.Status.Should().Be("in-progress");
        update.Error.Should().BeNull();
        update.EndReason.Should().Be("none-yet");
        update.Call.PhoneNumber!.Name.Should().Be("Flireo Demo");
        update.AssistantMetadata.Should().BeNull();
    }

    [Fact]
    public void ReadEndOfCallReport_SnakeCase_ReadsEveryField()
    {
        using var message = Parse(SnakeReport);

        var report = WebhookEventReader.ReadEndOfCallReport(message);

        report.DurationSeconds.Should().Be(84);
        report.Summary.Should().Be("Klant vroeg naar openingstijden.");
        report.Analysis!.Value.GetProperty("sentiment").GetInt32().Should().Be(8);
        report.Messages.Should().Equal(
            new TranscriptMessage("system", "Je bent een receptionist."),
            new TranscriptMessage("user", "Hallo"),
            new TranscriptMessage("assistant", """["a","b"]"""),
            new TranscriptMessage("tool", null));
        report.RecordingUrl.Should().Be("https://rec.example.com/c-3.wav");
        report.EndReason.Should().Be("user_hangup");
        report.StartedAt.Should().Be(new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.Zero));
        report.EndedAt.Should().Be(new DateTimeOffset(2026, 3, 24, 12, 1, 24, TimeSpan.Zero));
        report.Call.Type.Should().Be("web_call");
        report.Call.CustomerNumber.Should().BeNull();
        report.AssistantMetadata!.Value.GetProperty("campaign_id").GetString().Should().Be("spring");
    }

    [Fact]
    public void ReadEndOfCallReport_CamelCase_ReadsEveryField()
    {
        using var message = Parse(CamelReport);

        var report = WebhookEventReader.ReadEndOfCallReport(message);

        report.Casing.Should().Be(WebhookCasing.CamelCase);
        report.DurationSeconds.Should().Be(12.5);
        report.Summary.Should().Be("Kort gesprek.");
        report.Analysis!.Value.GetProperty("ok").GetBoolean().Should().BeTrue();
        report.Messages.Should().BeEmpty();
        report.RecordingUrl.Should().Be("https://rec.example.com/c-4.wav");
        report.EndReason.Should().Be("max_duration");
        report.StartedAt.Should().Be(new DateTimeOffset(2025, 12, 13, 12, 0, 0, TimeSpan.Zero));
        report.EndedAt.Should().Be(new DateTimeOffset(2025, 12, 13, 12, 0, 12, 500, TimeSpan.Zero));
    }

    [Fact]
    public void ReadEndOfCallReport_OptionalFieldsOfWrongType_AreAbsent()
    {
        using var message = Parse("""
            {"message":{"type":"end-of-call-report","duration_seconds":"84","summary":7,"analysis":null,
            "messages":{"role":"user"},"recording_url":false,"started_at":"yesterday"}}
            """);

        var report = WebhookEventReader.ReadEndOfCallReport(message);

        report.DurationSeconds.Should().BeNull();
        report.Summary.Should().BeNull();
        report.Analysis.Should().BeNull();
        report.Messages.Should().BeEmpty();
        report.RecordingUrl.Should().BeNull();
        report.StartedAt.Should().BeNull();
        report.Call.Id.Should().BeNull();
    }

    [Fact]
    public void ReadEndOfCallReport_AfterMessageDisposed_ElementsStayReadable()
    {
        var message = Parse(SnakeReport);
        var report = WebhookEventReader.ReadEndOfCallReport(message);

        message.Dispose();

        report.Analysis!.Value.GetProperty("vraag_beantwoord").GetBoolean().Should().BeTrue();
        report.Message.GetProperty("summary").GetString().Should().StartWith("Klant");
        report.AssistantMetadata!.Value.GetProperty("campaign_id").GetString().Should().Be("spring");
    }

    [Fact]
    public void ReadAssistantRequest_AfterMessageDisposed_KeepsCallAndMessage()
    {
        var message = Parse("""
            {"message":{"type":"assistant-request","call":{"id":"c-9","type":"inbound_phone_call","status":"ringing","pipeline":"standard"},
            "customer":{"number":"+31612345678"}}}
            """);
        var request = WebhookEventReader.ReadAssistantRequest(message);

        message.Dispose();

        request.Call.Status.Should().Be("ringing");
        request.Call.CustomerNumber.Should().Be("+31612345678");
        request.Message.GetProperty("call").GetProperty("pipeline").GetString().Should().Be("standard");
        request.Message.ValueKind.Should().Be(JsonValueKind.Object);
    }
}
