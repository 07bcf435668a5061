using System.Net;
using Flireo.Tools.AspNetCore.Tests.Support;
using Flireo.Tools.Tests.Webhooks.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.AspNetCore.Tests;

/// <summary>Refusals cannot flood the log: every one is counted, at most one line per reason per 10 s is written.</summary>
/// <remarks>Not run in parallel with other classes: the refusal counter is process-wide.</remarks>
[Collection(RefusalMetricsCollection.Name)]
public sealed class MapFlireoWebhooksRefusalLogTests : IAsyncLifetime
{
    private const int RejectedEvent = 4052;
    private const int RejectedAfterSuppressedEvent = 4059;
    private WebhookHost _host = null!;

    public async Task InitializeAsync() => _host = await WebhookHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_ManyForgedRequests_CountsEachButLogsOneLinePerReasonPerWindow()
    {
        using var refused = new MetricCollector<long>(null, "Flireo.Tools", "flireo.webhooks.refused");

        for (var i = 0; i < 5; i++)
        {
            using var forged = await _host.SendAsync(_host.Signed(Bodies.StatusUpdate, secret: "wrong-secret"));
            forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using (var other = await _host.SendAsync(_host.Signed("""{"type":"tool-calls"}""")))
        {
            other.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        Refusals().Should().HaveCount(2, "the first forged request and the first bad body are logged, the other four forged ones are only counted");
        Refusals().Should().OnlyContain(e => e.EventId.Id == RejectedEvent && e.Level == LogLevel.Warning);

        _host.Time.Advance(TimeSpan.FromSeconds(9));
        using (var stillWithin = await _host.SendAsync(_host.Signed(Bodies.StatusUpdate, secret: "wrong-secret")))
        {
            stillWithin.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        Refusals().Should().HaveCount(2, "9 s after the first line the window is still open");

        _host.Time.Advance(TimeSpan.FromSeconds(2));
        using (var afterWindow = await _host.SendAsync(_host.Signed(Bodies.StatusUpdate, secret: "wrong-secret")))
        {
            afterWindow.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var lines = Refusals();
        lines.Should().HaveCount(3);
        lines[^1].EventId.Id.Should().Be(RejectedAfterSuppressedEvent);
        lines[^1].Message.Should().Be("Rejected a Flireo webhook on /flireo with 401: The signature does not match. (5 more like it were not logged in the last 10 s)");

        var measurements = refused.GetMeasurementSnapshot();
        measurements.Where(m => m.Tags["reason"] as string == "signature").Sum(m => m.Value).Should().Be(7, "every refusal is counted, logged or not");
        measurements.Where(m => m.Tags["reason"] as string == "invalid_body").Sum(m => m.Value).Should().Be(1);
        measurements.Should().OnlyContain(m => m.Tags.ContainsKey("http.response.status_code"));
    }

    private List<LogEntry> Refusals() => _host.Logs.Entries.Where(e => e.EventId.Id is RejectedEvent or RejectedAfterSuppressedEvent).ToList();
}

/// <summary>Tests that read the process-wide refusal counter run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RefusalMetricsCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Refusal metrics";
}
