using System.Net;
using Flireo.Examples.WebApp.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Flireo.Examples.WebApp.Tests.Webhooks;

public sealed class StatusLoggingHandlerTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task Post_StatusUpdate_LogsTheNewStatus()
    {
        using var response = await app.PostSignedAsync(WebhookBodies.StatusUpdate("call-status", "in-progress"));
        var entry = await app.Logs.WaitForAsync(e => e.EventId.Id == 5003 && e.Message.Contains("call-status", StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        entry.Level.Should().Be(LogLevel.Information);
        entry.Message.Should().Be("Call call-status is now in-progress");
    }

    [Fact]
    public async Task Post_StatusUpdateEndedWithError_LogsAWarningWithTheError()
    {
        using var response = await app.PostSignedAsync(WebhookBodies.StatusUpdate("call-failed", "ended-with-error", "STT connection failed"));
        var entry = await app.Logs.WaitForAsync(e => e.EventId.Id == 5004 && e.Message.Contains("call-failed", StringComparison.Ordinal));

        entry.Level.Should().Be(LogLevel.Warning);
        entry.Message.Should().Be("Call call-failed ended with an error: STT connection failed");
    }
}
