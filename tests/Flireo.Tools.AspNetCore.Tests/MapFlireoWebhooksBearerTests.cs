using System.Net;
using System.Net.Http.Headers;
using Flireo.Tools.AspNetCore.Tests.Support;

namespace Flireo.Tools.AspNetCore.Tests;

public sealed class MapFlireoWebhooksBearerTests : IAsyncLifetime
{
    private WebhookHost _host = null!;

    public async Task InitializeAsync() => _host = await WebhookHost.StartAsync(o => o.BearerToken = "bearer-token-123");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_SignedWithCorrectBearer_Returns200()
    {
        var request = _host.Signed(Bodies.StatusUpdate);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "bearer-token-123");

        using var response = await _host.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer bearer-token-1234")]
    [InlineData("Basic bearer-token-123")]
    public async Task Post_SignedWithoutCorrectBearer_Returns401(string? authorization)
    {
        var request = _host.Signed(Bodies.StatusUpdate);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _host.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"error":"Missing or invalid bearer token."}""");
    }

    [Fact]
    public async Task Post_CorrectBearerButBadSignature_Returns401()
    {
        var request = _host.Signed(Bodies.StatusUpdate, secret: "wrong-secret");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "bearer-token-123");

        using var response = await _host.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("signature");
    }
}
