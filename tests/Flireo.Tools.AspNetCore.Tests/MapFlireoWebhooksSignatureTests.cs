using System.Net;
using System.Text;
using Flireo.Tools.AspNetCore.Tests.Support;
using Flireo.Tools.Security;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.AspNetCore.Tests;

public sealed class MapFlireoWebhooksSignatureTests : IAsyncLifetime
{
    private WebhookHost _host = null!;

    public async Task InitializeAsync() => _host = await WebhookHost.StartAsync(o => o.AdditionalWebhookSecrets.Add("rotated-secret"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _host.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void SetSignature(HttpRequestMessage request, string? value)
    {
        request.Headers.Remove(WebhookSignature.SignatureHeader);
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, value);
        }
    }

    [Fact]
    public async Task Post_ValidPrefixedSignature_Returns200()
    {
        var (status, _) = await SendAsync(_host.Signed(Bodies.StatusUpdate));

        status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_ValidBareHexSignature_Returns200()
    {
        var request = _host.Signed(Bodies.StatusUpdate);
        var prefixed = request.Headers.GetValues(WebhookSignature.SignatureHeader).Single();
        SetSignature(request, prefixed["sha256=".Length..]);

        var (status, _) = await SendAsync(request);

        status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_SignedWithAdditionalSecret_Returns200()
    {
        var (status, _) = await SendAsync(_host.Signed(Bodies.StatusUpdate, secret: "rotated-secret"));

        status.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null, "Missing X-Webhook-Signature header.")]
    [InlineData("", "Missing X-Webhook-Signature header.")]
    [InlineData("sha256=not-hex", "Malformed X-Webhook-Signature header.")]
    [InlineData("sha256=abcdef", "Malformed X-Webhook-Signature header.")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "The signature does not match.")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "The signature does not match.")]
    public async Task Post_BadSignature_Returns401WithShortReason(string? signature, string reason)
    {
        var request = _host.Signed(Bodies.StatusUpdate);
        SetSignature(request, signature);

        var (status, body) = await SendAsync(request);

        status.Should().Be(HttpStatusCode.Unauthorized);
        body.Should().Be($$"""{"error":"{{reason}}"}""");
    }

    [Fact]
    public async Task Post_SignedWithUnknownSecret_Returns401()
    {
        var (status, body) = await SendAsync(_host.Signed(Bodies.StatusUpdate, secret: "wrong-secret"));

        status.Should().Be(HttpStatusCode.Unauthorized);
        body.Should().Contain("does not match");
    }

    [Fact]
    public async Task Post_MissingTimestamp_Returns401()
    {
        var request = _host.Signed(Bodies.StatusUpdate);
        request.Headers.Remove(WebhookSignature.TimestampHeader);

        var (status, body) = await SendAsync(request);

        status.Should().Be(HttpStatusCode.Unauthorized);
        body.Should().Contain("Missing X-Webhook-Timestamp");
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("99999999999999999999")]
    [InlineData("1.7e9")]
    public async Task Post_NonNumericOrHugeTimestamp_Returns401Malformed(string timestamp)
    {
        var (status, body) = await SendAsync(_host.Signed(Bodies.StatusUpdate, timestamp: timestamp));

        status.Should().Be(HttpStatusCode.Unauthorized);
        body.Should().Contain("Malformed X-Webhook-Timestamp");
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Post_StaleOrFutureTimestamp_Returns401(int offsetSeconds)
    {
        var timestamp = _host.Time.GetUtcNow().AddSeconds(offsetSeconds).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (status, body) = await SendAsync(_host.Signed(Bodies.StatusUpdate, timestamp: timestamp));

        status.Should().Be(HttpStatusCode.Unauthorized);
        body.Should().Contain("outside the accepted window");
    }

    [Fact]
    public async Task Post_ReplayedAfterTheWindow_Returns401()
    {
        var first = await SendAsync(_host.Signed(Bodies.StatusUpdate));
        var timestamp = _host.Now();
        _host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var replay = await SendAsync(_host.Signed(Bodies.StatusUpdate, timestamp: timestamp));

        first.Status.Should().Be(HttpStatusCode.OK);
        replay.Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_BodyChangedByOneByteAfterSigning_Returns401()
    {
        var timestamp = _host.Now();
        var body = Encoding.UTF8.GetBytes(Bodies.StatusUpdate);
        var signature = WebhookSignature.Sign(WebhookHost.Secret, timestamp, body);
        body[Bodies.StatusUpdate.IndexOf("STT", StringComparison.Ordinal)] = (byte)'X';
        var request = new HttpRequestMessage(HttpMethod.Post, "/flireo") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);

        var (status, _) = await SendAsync(request);

        status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_SameJsonReserialised_Returns401BecauseTheRawBytesAreVerified()
    {
        var timestamp = _host.Now();
        var signature = WebhookSignature.Sign(WebhookHost.Secret, timestamp, Encoding.UTF8.GetBytes(Bodies.StatusUpdate));
        var reserialised = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(Bodies.StatusUpdate).RootElement);
        var request = new HttpRequestMessage(HttpMethod.Post, "/flireo") { Content = new StringContent(reserialised, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);

        var (status, _) = await SendAsync(request);

        status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_InvalidSignature_LogsWarningWithoutTheBody()
    {
        var (status, _) = await SendAsync(_host.Signed(Bodies.StatusUpdate, secret: "wrong-secret"));
        var entry = await _host.Logs.WaitForAsync(e => e.EventId.Id == 4052);

        status.Should().Be(HttpStatusCode.Unauthorized);
        entry.Level.Should().Be(LogLevel.Warning);
        entry.Message.Should().Contain("/flireo").And.Contain("does not match");
        _host.Logs.Entries.Should().NotContain(e => e.Message.Contains("STT connection failed"));
    }
}
