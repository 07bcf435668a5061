using Flireo.Tools.Protocol;
using Flireo.Tools.Testing.Tests.Support;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Testing.Tests;

public sealed class FlireoTestHostCasingTests
{
    [Fact]
    public async Task CallTool_CamelCase_SendsCamelCaseAndReadsTheCamelCaseAnswer()
    {
        await using var host = SampleHost.Create(new Probe(), o => o.Casing = WebhookCasing.CamelCase);

        var answer = await host.CallToolAsync("who_is_calling");

        answer.Body.Should().Contain("\"toolCallId\":").And.NotContain("tool_call_id");
        answer.ResultAs<Caller>().Should().Be(new Caller("+31612345678", "test-call", "inboundPhoneCall", null));
    }

    [Fact]
    public async Task SendEndOfCallReport_CamelCase_HandlerReadsEveryField()
    {
        var probe = new Probe();
        await using var host = SampleHost.Create(probe, o => o.Casing = WebhookCasing.CamelCase);

        await host.SendEndOfCallReportAsync(new EndOfCallReport { DurationSeconds = 84, RecordingUrl = "https://rec.example/1.mp3", EndReason = "user_hangup" });
        var report = await probe.Reports.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        report.Casing.Should().Be(WebhookCasing.CamelCase);
        report.DurationSeconds.Should().Be(84);
        report.RecordingUrl.Should().Be("https://rec.example/1.mp3");
        report.EndReason.Should().Be("user_hangup");
        report.Message.TryGetProperty("durationSeconds", out _).Should().BeTrue();
    }

    [Fact]
    public async Task SendAssistantRequest_CamelCase_ReadsTheCamelCaseAnswer()
    {
        await using var host = SampleHost.Create(new Probe(), o => o.Casing = WebhookCasing.CamelCase);

        var answer = await host.SendAssistantRequestAsync(new CallInfo { Id = "c-1", CustomerNumber = "+31600000001" });

        answer.Body.Should().Contain("\"assistantId\":\"a-1\"");
        answer.Response!.AssistantId.Should().Be("a-1");
        answer.Response.AssistantOverride!["first_message"]!.GetValue<string>().Should().Be("Welcome back");
    }
}
