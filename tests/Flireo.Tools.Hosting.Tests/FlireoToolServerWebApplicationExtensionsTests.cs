using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Flireo.Tools.Hosting.Tests;

/// <summary>The server embedded in a team's own app: their middleware around the server's endpoints, on a real loopback port.</summary>
public sealed class FlireoToolServerWebApplicationExtensionsTests
{
    private const string Secret = "embedded-secret-7f3a";

    private static readonly string SampleTools = typeof(FlireoToolServerWebApplicationExtensionsTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleTools").Value!;

    [Fact]
    public async Task MapFlireoToolServer_EmbeddedWithOwnMiddleware_AnswersSignedCallsThroughIt()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flireo:WebhookSecret"] = Secret,
            ["Flireo:Server:Queue"] = "Memory",
            ["Flireo:Server:Path"] = "/hooks/flireo",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFlireoToolServer(options => options.ToolSources.Add(SampleTools));
        await using var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Response.Headers["X-Team-Middleware"] = "ran";
            return next(context);
        });
        app.MapFlireoToolServer();
        app.MapGet("/team", () => "the team's own endpoint");
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        const string body = """{"message":{"type":"tool-calls","call":{"id":"c1"},"toolCallList":[{"id":"t1","type":"function","function":{"name":"get_opening_hours","arguments":{"day":"Monday"}}}]}}""";
        using var request = Signed("/hooks/flireo", body);

        using var response = await client.SendAsync(request);
        var ready = await client.GetStringAsync(new Uri("/readyz", UriKind.Relative));
        var own = await client.GetStringAsync(new Uri("/team", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"results":[{"toolCallId":"t1","result":"Closed on Mondays."}]}""");
        response.Headers.GetValues("X-Team-Middleware").Should().Equal("ran");
        ready.Should().Be("""{"status":"Healthy"}""", "outside Development /readyz shows the status alone");
        own.Should().Be("the team's own endpoint");
        await app.StopAsync();
    }

    [Fact]
    public async Task MapFlireoToolServer_UnsignedCall_IsRefused()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Flireo:WebhookSecret"] = Secret, ["Flireo:Server:Queue"] = "Memory" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFlireoToolServer(options => options.ToolSources.Add(SampleTools));
        await using var app = builder.Build();
        app.MapFlireoToolServer();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.PostAsync(new Uri("/flireo", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await app.StopAsync();
    }

    [Fact]
    public void AddFlireoToolServer_NoSecretOutsideDevelopment_RefusesWithTheFix()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Staging" });

        var act = () => builder.AddFlireoToolServer(options => options.ToolSources.Add(SampleTools));

        act.Should().Throw<FlireoToolsConfigurationException>().WithMessage("No webhook secret configured: set Flireo__WebhookSecret*Environment: Staging.");
    }

    [Fact]
    public void AddFlireoToolServer_NoToolSources_RefusesWithTheFix()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Flireo:WebhookSecret"] = Secret });

        var act = () => builder.AddFlireoToolServer();

        act.Should().Throw<FlireoToolsConfigurationException>().WithMessage("No tool assemblies given: pass --tools*");
    }

    [Fact]
    public async Task MapFlireoToolServer_WithoutAdd_SaysWhatIsMissing()
    {
        await using var app = WebApplication.CreateBuilder().Build();

        var act = () => app.MapFlireoToolServer();

        act.Should().Throw<InvalidOperationException>().WithMessage("*builder.AddFlireoToolServer()*");
    }

    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.NotFound)]
    public async Task MapFlireoToolServer_Dashboard_IsOnInDevelopmentOnlyByDefault(string environment, HttpStatusCode expected)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Flireo:WebhookSecret"] = Secret, ["Flireo:Server:Queue"] = "Memory" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFlireoToolServer(options =>
        {
            options.ToolSources.Add(SampleTools);
            options.Output = TextWriter.Null;
        });
        await using var app = builder.Build();
        app.MapFlireoToolServer();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.GetAsync(new Uri("/flireo/dashboard", UriKind.Relative));

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.OK)
        {
            (await response.Content.ReadAsStringAsync()).Should().Contain("get_opening_hours", "the dashboard lists the served tools");
        }

        await app.StopAsync();
    }

    [Fact]
    public async Task MapFlireoToolServer_DashboardEnabledInProductionWithoutProtection_RefusesToStartWithTheFix()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flireo:WebhookSecret"] = Secret,
            ["Flireo:Server:Queue"] = "Memory",
            ["Flireo:Dashboard:Enabled"] = "true",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFlireoToolServer(options => options.ToolSources.Add(SampleTools));
        await using var app = builder.Build();
        app.MapFlireoToolServer();

        var start = () => app.StartAsync();

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Flireo:Dashboard:AllowAnonymous");
    }

    private static HttpRequestMessage Signed(string path, string body) => SignedWebhooks.Post(path, body, Secret);
}
