using System.Text.Json;
using Flireo.Tools.Testing;
using Flireo.Tools.Tests.Webhooks.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.AspNetCore.Tests.Support;

/// <summary>An in-memory ASP.NET Core app (slim builder + TestServer) with Flireo.Tools, a fake clock and captured logs.</summary>
public sealed class WebhookHost : IAsyncDisposable
{
    public const string Secret = "test-secret";

    private WebApplication? _app;

    private WebhookHost()
    {
    }

    public TimerTrackingTimeProvider Time { get; } = TestClock.CreateTracking();

    public CapturingLoggerProvider Logs { get; } = new();

    public TestProbe Probe { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public static async Task<WebhookHost> StartAsync(
        Action<FlireoToolsOptions>? options = null,
        Action<IFlireoToolsBuilder>? tools = null,
        Action<WebApplicationBuilder>? configureBuilder = null,
        Action<WebApplication>? map = null,
        string environment = "Production",
        bool useSlimBuilder = true)
    {
        var host = new WebhookHost();
        var appOptions = new WebApplicationOptions { EnvironmentName = environment };
        var builder = useSlimBuilder ? WebApplication.CreateSlimBuilder(appOptions) : WebApplication.CreateBuilder(appOptions);
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(host.Logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(host.Time);
        builder.Services.AddSingleton(host.Probe);
        var flireo = builder.Services.AddFlireoTools(o =>
        {
            // A secret bound from configuration wins over the test default.
            o.WebhookSecret ??= Secret;
            options?.Invoke(o);
        });
        flireo.AddTools<TestTools>();
        tools?.Invoke(flireo);
        configureBuilder?.Invoke(builder);
        var app = builder.Build();
        host._app = app;
        if (map is null)
        {
            app.MapFlireoWebhooks();
        }
        else
        {
            map(app);
        }

        await app.StartAsync();
        host.Client = app.GetTestClient();
        return host;
    }

    public string Now() => SignedWebhooks.Timestamp(Time.GetUtcNow());

    /// <summary>Builds a request signed the way Flireo sends one, stamped with the host's clock.</summary>
    public HttpRequestMessage Signed(string json, string path = "/flireo", string? secret = Secret, string? timestamp = null, string? eventHeader = null)
        => SignedWebhooks.Post(path, json, secret, Time.GetUtcNow(), eventHeader, timestamp);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Client.SendAsync(request);

    public Task<HttpResponseMessage> PostSignedAsync(string json, string path = "/flireo") => Client.SendAsync(Signed(json, path));

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            Probe.ReleaseAll();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
