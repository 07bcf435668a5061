using System.Net;
using Flireo.Examples.WebApp.Tests.Support;

namespace Flireo.Examples.WebApp.Tests.Webhooks;

public sealed class CallSummaryHandlerTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    private const int SummaryStored = 5005;

    [Fact]
    public async Task Post_EndOfCallReport_SummaryIsReadableAtTheCallsEndpoint()
    {
        using var client = app.CreateClient();

        using var posted = await app.PostSignedAsync(WebhookBodies.EndOfCallReport("call-report"));
        await app.Logs.WaitForAsync(e => e.EventId.Id == SummaryStored && e.Message.Contains("call-report", StringComparison.Ordinal));
        using var response = await client.GetAsync("/calls/call-report/summary");
        var summary = await WebAppFactory.ReadJsonAsync(response);

        posted.StatusCode.Should().Be(HttpStatusCode.OK);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        summary.GetProperty("callId").GetString().Should().Be("call-report");
        summary.GetProperty("customerNumber").GetString().Should().Be(WebhookBodies.AnnasNumber);
        summary.GetProperty("summary").GetString().Should().Be("Anna booked a table for two on Friday at 19:00.");
        summary.GetProperty("analysis").GetProperty("sentiment").GetInt32().Should().Be(8);
        summary.GetProperty("durationSeconds").GetDouble().Should().Be(84);
        summary.GetProperty("endReason").GetString().Should().Be("user_hangup");
    }

    [Fact]
    public async Task Post_CamelCaseEndOfCallReport_SummaryIsStored()
    {
        using var client = app.CreateClient();

        using var posted = await app.PostSignedAsync(WebhookBodies.CamelEndOfCallReport("call-camel-report"));
        await app.Logs.WaitForAsync(e => e.EventId.Id == SummaryStored && e.Message.Contains("call-camel-report", StringComparison.Ordinal));
        var summary = await WebAppFactory.ReadJsonAsync(await client.GetAsync("/calls/call-camel-report/summary"));

        summary.GetProperty("summary").GetString().Should().Be("Klant vroeg naar openingstijden.");
        summary.GetProperty("durationSeconds").GetDouble().Should().Be(31);
    }

    [Fact]
    public async Task GetSummary_UnknownCall_Returns404()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/calls/never-called/summary");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
