using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Flireo.Tools.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Dashboard.Tests.Support;

/// <summary>How a <see cref="DashboardHost"/> is set up.</summary>
public sealed class DashboardHostOptions
{
    public string Environment { get; set; } = "Development";

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Gets or sets the tools to register; <see cref="DashboardTools"/> by default.</summary>
    public Action<IFlireoToolsBuilder>? Tools { get; set; }

    /// <summary>Gets or sets a value indicating whether async calls go to a SQLite queue in a temporary folder (with dead letters).</summary>
    public bool Sqlite { get; set; }

    /// <summary>Gets or sets a value indicating whether the host runs on the system clock instead of a fake one.</summary>
    public bool RealTime { get; set; }

    /// <summary>Gets or sets a value indicating whether the host listens on a free loopback port with Kestrel instead of TestServer.</summary>
    public bool Kestrel { get; set; }

    /// <summary>Gets or sets a value indicating whether the test authentication scheme and authorization are added.</summary>
    public bool Authentication { get; set; }

    public bool MapWebhooks { get; set; } = true;

    /// <summary>Gets or sets what is done with the builder <c>MapFlireoDashboard</c> returns, such as <c>RequireAuthorization</c>.</summary>
    public Action<IEndpointConventionBuilder>? Dashboard { get; set; }
}

/// <summary>An ASP.NET Core app with Flireo tools, webhooks and the dashboard, a cookie-keeping client and captured logs.</summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string Secret = "dash-webhook-secret-9f1c0b";
    public const string BearerToken = "dash-bearer-token-77aa31";

    private WebApplication? _app;
    private string? _folder;

    public TimerTrackingTimeProvider Time { get; } = TestClock.CreateTracking();

    public LogCollector Logs { get; } = new();

    public ToolProbe Probe { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Gets the address of the Kestrel host, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseAddress { get; private set; } = "http://localhost";

    public static async Task<DashboardHost> StartAsync(Action<DashboardHostOptions>? configure = null)
    {
        var options = new DashboardHostOptions();
        configure?.Invoke(options);
        var host = new DashboardHost();
        try
        {
            await host.StartCoreAsync(options);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private async Task StartCoreAsync(DashboardHostOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = options.Environment });
        if (options.Kestrel)
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.Logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug);
        if (!options.RealTime)
        {
            builder.Services.AddSingleton<TimeProvider>(Time);
        }

        builder.Services.AddSingleton(Probe);
        var flireo = builder.Services.AddFlireoTools(o =>
        {
            o.WebhookSecret = Secret;
            o.BearerToken = BearerToken;
            o.AsyncTools.MaxRetries = 0;
        });
        if (options.Tools is null)
        {
            flireo.AddTools<DashboardTools>();
            if (options.Sqlite)
            {
                flireo.AddTools<FlakyTools>();
            }
        }
        else
        {
            options.Tools(flireo);
        }

        if (options.Sqlite)
        {
            _folder = Path.Combine(Path.GetTempPath(), "flireo-dashboard-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            flireo.AddSqliteToolWorkQueue(o =>
            {
                o.DataDirectory = _folder;
                o.PollInterval = TimeSpan.FromMilliseconds(200);
            });
        }

        builder.Services.AddFlireoDashboard();
        if (options.Authentication)
        {
            builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
            builder.Services.AddAuthorization();
        }

        var app = builder.Build();
        _app = app;
        if (options.Authentication)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        if (options.MapWebhooks)
        {
            app.MapFlireoWebhooks("/flireo");
        }

        var dashboard = app.MapFlireoDashboard();
        options.Dashboard?.Invoke(dashboard);
        await app.StartAsync();

        if (options.Kestrel)
        {
            BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Client = new HttpClient(new CookieHandler(new SocketsHttpHandler { UseCookies = false })) { BaseAddress = new Uri(BaseAddress) };
        }
        else
        {
            Client = new HttpClient(new CookieHandler(app.GetTestServer().CreateHandler())) { BaseAddress = new Uri(BaseAddress) };
        }
    }

    /// <summary>Gets a page.</summary>
    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form; the anti-forgery token of <paramref name="token"/> is added unless it is <see langword="null"/>.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        var all = new List<KeyValuePair<string, string>>(fields);
        if (token is not null)
        {
            all.Add(new("__RequestVerificationToken", token));
        }

        using var content = new FormUrlEncodedContent(all);
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a signed tool-calls webhook the way Flireo does, and returns its answer.</summary>
    public async Task<string> SendToolCallAsync(string tool, string argumentsJson, string callId = "call-1", string toolCallId = "tc-1")
    {
        var body = "{\"message\":{\"type\":\"tool-calls\",\"call\":{\"id\":\"" + callId + "\"},\"tool_call_list\":[{\"id\":\"" + toolCallId
            + "\",\"type\":\"function\",\"function\":{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}}]}}";
        var now = (_app!.Services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        using var request = SignedWebhooks.Post("/flireo", body, Secret, now);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
        using var response = await Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Finds the anti-forgery token of the first form on a page.</summary>
    public static string TokenOf(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? WebUtility.HtmlDecode(token)
            : throw new InvalidOperationException("The page has no anti-forgery token.");

    /// <summary>Gets the decoded text inside the element with the given id.</summary>
    public static string? TextOf(string html, string id)
    {
        var match = Regex.Match(html, "<(\\w+)[^>]*\\bid=\"" + Regex.Escape(id) + "\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[2].Value, "<[^>]+>", " ")) : null;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Keeps cookies (the anti-forgery cookie) between requests, for TestServer and Kestrel alike.</summary>
    private sealed class CookieHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var header = _cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    _cookies.SetCookies(uri, value);
                }
            }

            return response;
        }
    }
}
