using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Flireo.Tools.Mcp.Tests.TestSupport;

/// <summary>A real ASP.NET Core app on Kestrel, on a free loopback port, serving the test tools with <c>MapFlireoMcp</c>.</summary>
public sealed class McpTestHost : IAsyncDisposable
{
    public const string Token = "mcp-test-token-9c41f0";

    /// <summary>The last protocol revision with sessions (the <c>initialize</c> handshake).</summary>
    public const string SessionProtocolVersion = "2025-11-25";

    private readonly WebApplication _app;

    private McpTestHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public Uri McpAddress => new(BaseAddress, "/mcp");

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; by default in Production with <see cref="Token"/> as the bearer token.</summary>
    public static async Task<McpTestHost> StartAsync(
        string environment = "Production",
        IDictionary<string, string?>? settings = null,
        Action<IFlireoToolsBuilder>? tools = null,
        TimeProvider? timeProvider = null)
    {
        var app = Build(environment, settings ?? new Dictionary<string, string?> { ["Flireo:Mcp:BearerToken"] = Token }, tools, timeProvider);
        app.MapFlireoMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new McpTestHost(app, new Uri(address));
    }

    /// <summary>Builds the app without mapping or starting it, for tests of what happens at startup.</summary>
    public static WebApplication Build(string environment, IDictionary<string, string?> settings, Action<IFlireoToolsBuilder>? tools = null, TimeProvider? timeProvider = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddSingleton<VisitCounter>();
        builder.Services.AddSingleton<BackgroundSink>();
        var flireo = builder.Services.AddFlireoTools().AddTools<McpTestTools>();
        tools?.Invoke(flireo);
        flireo.AddMcp();
        return builder.Build();
    }

    /// <summary>Connects the MCP SDK's own client over Streamable HTTP, with the bearer token unless told otherwise.</summary>
    public async Task<McpClient> ConnectAsync(string? token = Token, string? protocolVersion = SessionProtocolVersion)
    {
        var options = new HttpClientTransportOptions
        {
            Endpoint = McpAddress,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        };
        var transport = new HttpClientTransport(options, loggerFactory: null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion }, loggerFactory: null, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
