using Flireo.Tools.Loading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>The real Flireo webhook endpoint serving the sample tool library in memory, as the self-hosted server would.</summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    public const string Secret = "server-secret";

    private readonly WebApplication _app;

    private WebhookServer(WebApplication app)
    {
        _app = app;
    }

    public static async Task<WebhookServer> StartAsync(string pluginPath)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var plugin = ToolAssemblyLoader.Load(pluginPath);
        plugin.ConfigureServices(builder.Services, builder.Configuration);
        builder.Services.AddFlireoTools(o => o.WebhookSecret = Secret).AddPlugin(plugin);
        var app = builder.Build();
        app.MapFlireoWebhooks();
        await app.StartAsync();
        return new WebhookServer(app);
    }

    /// <summary>Creates a handler that sends requests to the in-memory server.</summary>
    public HttpMessageHandler CreateHandler() => _app.GetTestServer().CreateHandler();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
