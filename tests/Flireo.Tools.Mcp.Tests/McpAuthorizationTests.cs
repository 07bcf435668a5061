using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Flireo.Tools.Mcp.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Mcp.Tests;

/// <summary>Outside Development every MCP request needs <c>Authorization: Bearer &lt;Flireo:Mcp:BearerToken&gt;</c>, and the app does not start without one.</summary>
public sealed class McpAuthorizationTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"curl","version":"1.0"}}}""";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-token")]
    [InlineData("Bearer " + McpTestHost.Token + "x")]
    [InlineData("Basic " + McpTestHost.Token)]
    [InlineData(McpTestHost.Token)]
    public async Task Post_WithoutTheRightBearerToken_Is401WithABearerChallenge(string? authorization)
    {
        await using var host = await McpTestHost.StartAsync();
        using var request = InitializeRequest(authorization);

        using var response = await host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"error":"Missing or invalid bearer token."}""");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task SessionEndpoints_WithoutTheBearerToken_Are401(string method)
    {
        await using var host = await McpTestHost.StartAsync();
        await using var client = await host.ConnectAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), "/mcp");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("Mcp-Session-Id", client.SessionId);

        using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        client.SessionId.Should().NotBeNullOrEmpty();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the session's GET stream and DELETE are guarded like POST");
    }

    [Fact]
    public async Task Post_WithTheBearerToken_IsAnsweredByTheMcpServer()
    {
        await using var host = await McpTestHost.StartAsync();
        using var request = InitializeRequest("Bearer " + McpTestHost.Token);

        using var response = await host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"flireo-tools\"");
    }

    [Fact]
    public async Task Connect_SdkClientWithoutToken_IsRefused()
    {
        await using var host = await McpTestHost.StartAsync();

        var connect = () => host.ConnectAsync(token: null);

        (await connect.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("401");
    }

    [Fact]
    public async Task Connect_SdkClientWithToken_ListsAndCallsTools()
    {
        await using var host = await McpTestHost.StartAsync();
        await using var client = await host.ConnectAsync();

        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("greet", new Dictionary<string, object?> { ["name"] = "Linus" });

        tools.Should().Contain(t => t.Name == "greet");
        McpResults.Text(result).Should().Be("Hello, Linus!");
    }

    [Fact]
    public async Task Connect_DevelopmentWithoutConfiguredToken_AcceptsClientsWithoutHeader()
    {
        await using var host = await McpTestHost.StartAsync(environment: "Development", settings: new Dictionary<string, string?>());
        await using var client = await host.ConnectAsync(token: null);

        var result = await client.CallToolAsync("greet", new Dictionary<string, object?> { ["name"] = "Ada" });

        McpResults.Text(result).Should().Be("Hello, Ada!");
    }

    [Fact]
    public async Task Map_ProductionWithoutToken_RefusesToStartNamingTheSetting()
    {
        await using var app = McpTestHost.Build("Production", new Dictionary<string, string?>());

        var map = () => app.MapFlireoMcp();

        map.Should().Throw<InvalidOperationException>().WithMessage("*Flireo:Mcp:BearerToken*Flireo__Mcp__BearerToken*");
    }

    [Fact]
    public async Task Map_TimeoutOverSixtySeconds_RefusesToStartNamingTheSetting()
    {
        await using var app = McpTestHost.Build("Production", new Dictionary<string, string?> { ["Flireo:Mcp:BearerToken"] = McpTestHost.Token, ["Flireo:Mcp:Timeout"] = "00:01:30" });

        var map = () => app.MapFlireoMcp();

        map.Should().Throw<OptionsValidationException>().WithMessage("*Flireo:Mcp:Timeout must be more than 0 and at most 00:01:00 (got 00:01:30)*");
    }

    [Fact]
    public async Task Map_WithoutAddMcp_ThrowsNamingTheRegistration()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddFlireoTools().AddTools<McpTestTools>();
        await using var app = builder.Build();

        var map = () => app.MapFlireoMcp();

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddFlireoTools().AddMcp()*");
    }

    private static HttpRequestMessage InitializeRequest(string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }
}
