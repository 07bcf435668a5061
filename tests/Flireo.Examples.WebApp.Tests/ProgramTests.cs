using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flireo.Examples.WebApp.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Flireo.Examples.WebApp.Tests;

public sealed class ProgramTests(WebAppFactory app) : IClassFixture<WebAppFactory>
{
    /// <summary>The development secret in appsettings.Development.json, which the README's curl commands use.</summary>
    private const string DevelopmentSecret = "dev-only-not-a-secret";

    [Fact]
    public async Task Post_SignedToolCall_AnswersWithTheToolResult()
    {
        var body = WebhookBodies.ToolCall("call-menu", "get_menu", """{"category":"Dessert"}""");

        using var response = await app.PostSignedAsync(body);
        var json = await WebAppFactory.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = json.GetProperty("results")[0];
        result.GetProperty("tool_call_id").GetString().Should().Be("tool-1");
        result.GetProperty("result").EnumerateArray().Select(d => d.GetProperty("name").GetString())
            .Should().Equal("Dame blanche", "Apple pie");
    }

    [Fact]
    public async Task Post_SignedToolCallWithoutPhone_LooksUpTheCallersBookings()
    {
        var body = WebhookBodies.ToolCall("call-bookings", "find_bookings", "{}");

        using var response = await app.PostSignedAsync(body);
        var result = (await WebAppFactory.ReadJsonAsync(response)).GetProperty("results")[0].GetProperty("result");

        result.GetProperty("name").GetString().Should().Be("Anna de Vries");
        result.GetProperty("upcomingBookings")[0].GetProperty("code").GetString().Should().Be("ANV-101");
    }

    [Fact]
    public async Task Post_UnsignedRequest_Returns401()
    {
        using var client = app.CreateClient();
        using var content = new StringContent(WebhookBodies.ToolCall("call-unsigned", "get_menu", "{}"), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

        using var response = await client.PostAsync("/flireo", content);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("X-Webhook-Signature");
    }

    [Fact]
    public async Task Post_SignedWithTheDevelopmentSecretOutsideDevelopment_Returns401()
    {
        using var client = app.CreateClient();
        using var request = SignedWebhooks.Post("/flireo", WebhookBodies.ToolCall("call-dev-secret", "get_menu", "{}"), DevelopmentSecret);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetHealthz_AppRunning_ReturnsHealthy()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task Post_DevelopmentEnvironment_AcceptsTheReadmeSecret()
    {
        await using var development = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development"));
        using var client = development.CreateClient();
        using var request = SignedWebhooks.Post("/flireo", WebhookBodies.ToolCall("call-readme", "get_menu", """{"category":"Dessert"}"""), DevelopmentSecret);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Dame blanche");
    }

    [Fact]
    public async Task Start_ProductionWithoutSecret_RefusesToStart()
    {
        await using var production = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var start = () => production.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*WebhookSecret*");
    }
}
