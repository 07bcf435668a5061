using System.Net;
using Flireo.Tools.Security;
using Flireo.Tools.Testing.Tests.Support;

namespace Flireo.Tools.Testing.Tests;

public sealed class FlireoTestHostSigningTests
{
    private const string Body = """{"message":{"type":"tool-calls","tool_call_list":[{"id":"t-1","function":{"name":"count","arguments":{}}}]}}""";

    [Fact]
    public async Task CallTool_AppConfiguredWithItsOwnSecret_IsSignedWithTheTestSecretAndAccepted()
    {
        await using var host = SampleHost.Create(new Probe(), flireo: o => o.WebhookSecret = "the-production-secret");

        var answer = await host.CallToolAsync("count");

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.ResultAs<int>().Should().Be(1);
    }

    [Fact]
    public async Task CreateRequest_Default_IsSignedWithTheDefaultSecretAtTheFakeTime()
    {
        await using var host = SampleHost.Create(new Probe());
        host.Time.Advance(TimeSpan.FromDays(3));

        using var request = host.CreateRequest(Body);
        var timestamp = request.Headers.GetValues(WebhookSignature.TimestampHeader).Single();
        var signature = request.Headers.GetValues(WebhookSignature.SignatureHeader).Single();

        timestamp.Should().Be(host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        signature.Should().Be(WebhookSignature.Sign(FlireoTestHost.DefaultWebhookSecret, timestamp, System.Text.Encoding.UTF8.GetBytes(Body)));
        request.Headers.GetValues(WebhookSignature.EventHeader).Should().Equal("tool-calls");
    }

    [Fact]
    public async Task Client_RequestWithoutSignature_IsRejectedWith401()
    {
        await using var host = SampleHost.Create(new Probe());
        using var request = host.CreateRequest(Body);
        request.Headers.Remove(WebhookSignature.SignatureHeader);

        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Client_TamperedBody_IsRejectedWith401()
    {
        await using var host = SampleHost.Create(new Probe());
        using var signed = host.CreateRequest(Body);
        using var tampered = host.CreateRequest(Body.Replace("count", "closed", StringComparison.Ordinal));
        tampered.Headers.Remove(WebhookSignature.SignatureHeader);
        tampered.Headers.Add(WebhookSignature.SignatureHeader, signed.Headers.GetValues(WebhookSignature.SignatureHeader));

        using var response = await host.Client.SendAsync(tampered);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CallTool_UnsignedMode_SendsNoSignatureAndIsAccepted()
    {
        await using var host = SampleHost.Create(new Probe(), o => o.WebhookSecret = null, flireo: o => o.WebhookSecret = "the-production-secret");

        using var request = host.CreateRequest(Body);
        var answer = await host.CallToolAsync("count");

        request.Headers.Contains(WebhookSignature.SignatureHeader).Should().BeFalse();
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.ResultAs<int>().Should().Be(1);
    }

    [Fact]
    public async Task CallTool_AppRequiresABearerToken_SendsTheConfiguredToken()
    {
        await using var host = SampleHost.Create(new Probe(), flireo: o => o.BearerToken = "t0ken");

        var answer = await host.CallToolAsync("count");
        using var request = host.CreateRequest(Body);

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        request.Headers.Authorization!.ToString().Should().Be("Bearer t0ken");
    }

    [Fact]
    public async Task CallTool_EndpointRejectsTheBody_ReportsTheStatusAndReasonAsTheError()
    {
        await using var host = SampleHost.Create(new Probe(), flireo: o => o.MaxRequestBodySize = 1024);

        var answer = await host.CallToolAsync("find_dish", new { name = new string('x', 2000) });

        answer.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        answer.RejectionReason.Should().Be("The body is larger than 1024 bytes.");
        answer.Error.Should().Be("The webhook was rejected with 413 RequestEntityTooLarge: The body is larger than 1024 bytes.");
        answer.Result.Should().BeNull();
    }
}
