using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Flireo.Tools.Protocol;
using Flireo.Tools.Security;
using Flireo.Tools.Testing.Platform;
using Flireo.Tools.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Testing;

/// <summary>Hosts Flireo tools in memory and sends them signed webhooks the way Flireo does, with a fake clock.</summary>
/// <remarks>
/// <para>
/// Build one from the app's own registrations with <see cref="Create(Action{IServiceCollection}, Action{FlireoTestHostOptions}?)"/>,
/// or from the app's <c>Program</c> with <see cref="FlireoTestHostWebApplicationFactoryExtensions.CreateFlireoTestHost{TEntryPoint}"/>.
/// Every request goes through the real pipeline (<c>MapFlireoWebhooks</c>: signature check, parsing, routing, deadlines),
/// with no network and no Flireo account. The app starts on the first webhook, or at <see cref="StartAsync"/>.
/// </para>
/// <para>
/// The app's <see cref="TimeProvider"/> is <see cref="Time"/>, so deadlines, signature timestamps and the tools' own
/// clocks only move when the test advances it. Dispose the host to stop the app.
/// </para>
/// </remarks>
public sealed class FlireoTestHost : IAsyncDisposable
{
    /// <summary>The webhook secret a test host configures the app with and signs with, unless its options name another.</summary>
    public const string DefaultWebhookSecret = "flireo-test-secret";

    private static readonly TimeSpan TimerWaitLimit = TimeSpan.FromSeconds(10);

    private readonly ITestHostBackend _backend;
    private readonly FlireoTestHostOptions _options;
    private readonly TimerTrackingTimeProvider _timers;
    private readonly Lazy<Task<HttpMessageInvoker>> _server;
    private JsonSerializerOptions? _serializerOptions;
    private string? _bearerToken;
    private bool _bearerTokenRead;
    private int _lastToolCallId;
    private int _disposed;

    private FlireoTestHost(ITestHostBackend backend, FlireoTestHostOptions options, FakeTimeProvider time, TimerTrackingTimeProvider timers)
    {
        _backend = backend;
        _options = options;
        _timers = timers;
        Time = time;
        _server = new Lazy<Task<HttpMessageInvoker>>(StartServerAsync);
        Client = new HttpClient(new ServerHandler(this)) { BaseAddress = new Uri("http://localhost") };
    }

    /// <summary>Gets the app's clock; advance it to let deadlines and timers pass without waiting.</summary>
    /// <remarks>Advance it only after the code under test has started its timer; see <see cref="WaitForTimerAsync"/>.</remarks>
    public FakeTimeProvider Time { get; }

    /// <summary>Gets the fake Flireo platform the app sends its Call Control commands to, or <see langword="null"/> when the host was given none.</summary>
    /// <remarks>
    /// Set it with <see cref="FlireoTestHostOptions.Platform"/>; read what the app sent with <see cref="FakeFlireoPlatform.Commands"/>
    /// or wait for it with <see cref="FakeFlireoPlatform.WaitForCommandsAsync"/>. The test owns the platform and disposes it.
    /// <code>
    /// await using var platform = await FakeFlireoPlatform.StartAsync();
    /// await using var host = FlireoTestHost.Create(services => services.AddFlireoTools().AddTools&lt;BookingTools&gt;(), options => options.Platform = platform);
    /// await host.CallToolAsync("send_confirmation_sms", new { phone = "+31612345678" });
    /// var spoken = await host.Platform!.WaitForCommandsAsync(1);
    /// </code>
    /// </remarks>
    public FakeFlireoPlatform? Platform => _options.Platform;

    /// <summary>Gets the app's services, for example to resolve a store and check what a tool wrote.</summary>
    public IServiceProvider Services => _backend.Services;

    /// <summary>Gets the app's tool catalog: the tools the endpoint serves and the definitions export.</summary>
    public ToolCatalog Catalog => Services.GetRequiredService<ToolCatalog>();

    /// <summary>Gets an HTTP client for the app, to send requests the helpers do not, such as tampered or unsigned ones.</summary>
    /// <remarks>Its base address is <c>http://localhost</c>; it starts the app on first use. Build signed requests with <see cref="CreateRequest"/>.</remarks>
    public HttpClient Client { get; }

    private JsonSerializerOptions SerializerOptions => _serializerOptions ??=
        Services.GetService<ToolCatalog>()?.SerializerOptions
        ?? Services.GetService<IOptions<FlireoToolsOptions>>()?.Value.SerializerOptions
        ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    private string? BearerToken
    {
        get
        {
            if (!_bearerTokenRead)
            {
                _bearerToken = Services.GetService<IOptions<FlireoToolsOptions>>()?.Value.BearerToken;
                _bearerTokenRead = true;
            }

            return string.IsNullOrEmpty(_bearerToken) ? null : _bearerToken;
        }
    }

    /// <summary>Creates a host that serves the tools of the given service registrations.</summary>
    /// <param name="configureServices">Registers the app's services, for example <c>services => services.AddFlireoTools().AddToolsFromAssemblyOf&lt;MyTools&gt;()</c>.</param>
    /// <param name="configure">Changes the host options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The host; the app starts on the first webhook.</returns>
    /// <exception cref="InvalidOperationException"><c>AddFlireoTools</c> was not called.</exception>
    /// <exception cref="FlireoToolsConfigurationException">A registered tool is invalid.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads take delegates of different arity, so a call can never bind to both.")]
    public static FlireoTestHost Create(Action<IServiceCollection> configureServices, Action<FlireoTestHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        return Create((services, _) => configureServices(services), configure);
    }

    /// <summary>Creates a host that serves the tools of the given service registrations, which may read configuration.</summary>
    /// <param name="configureServices">Registers the app's services; receives the app's configuration, which includes <see cref="FlireoTestHostOptions.Settings"/>.</param>
    /// <param name="configure">Changes the host options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The host; the app starts on the first webhook.</returns>
    /// <exception cref="InvalidOperationException"><c>AddFlireoTools</c> was not called.</exception>
    /// <exception cref="FlireoToolsConfigurationException">A registered tool is invalid.</exception>
    /// <remarks>
    /// The app is a slim ASP.NET Core app on a <see cref="TestServer"/> with <c>MapFlireoWebhooks</c> at
    /// <see cref="FlireoTestHostOptions.WebhookPath"/>. Its configuration holds only <see cref="FlireoTestHostOptions.Settings"/>
    /// (no <c>appsettings.json</c> or environment variables, so tests do not depend on the machine), and it has no log
    /// providers; add one in <paramref name="configureServices"/> (<c>services.AddLogging(…)</c>) to see the logs.
    /// </remarks>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads take delegates of different arity, so a call can never bind to both.")]
    public static FlireoTestHost Create(Action<IServiceCollection, IConfiguration> configureServices, Action<FlireoTestHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        var options = CreateOptions(configure);
        var time = new FakeTimeProvider(options.StartTime);
        var timers = new TimerTrackingTimeProvider(time);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = options.EnvironmentName });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        // Only the test's settings: no appsettings.json or environment variables, so tests do not depend on the machine.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(options.Settings);
        configureServices(builder.Services, builder.Configuration);
        AddTestServices(builder.Services, options, timers);
        var app = builder.Build();
        try
        {
            app.MapFlireoWebhooks(options.WebhookPath);
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }

        return new FlireoTestHost(new WebApplicationBackend(app), options, time, timers);
    }

    /// <summary>Creates a host around an app's own <c>Program</c>; used by <see cref="FlireoTestHostWebApplicationFactoryExtensions.CreateFlireoTestHost{TEntryPoint}"/>.</summary>
    /// <typeparam name="TEntryPoint">A type in the app's entry point assembly.</typeparam>
    /// <param name="factory">The factory for the app.</param>
    /// <param name="configure">Changes the host options, or <see langword="null"/>.</param>
    /// <returns>The host.</returns>
    internal static FlireoTestHost Create<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory, Action<FlireoTestHostOptions>? configure)
        where TEntryPoint : class
    {
        var options = CreateOptions(configure);
        var time = new FakeTimeProvider(options.StartTime);
        var timers = new TimerTrackingTimeProvider(time);
        var configured = factory.WithWebHostBuilder(web =>
        {
            if (options.Settings.Count > 0)
            {
                web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(options.Settings));
            }

            web.ConfigureTestServices(services => AddTestServices(services, options, timers));
        });
        return new FlireoTestHost(new WebApplicationFactoryBackend<TEntryPoint>(configured), options, time, timers);
    }

    /// <summary>Starts the app now rather than on the first webhook, so startup failures surface here.</summary>
    /// <param name="cancellationToken">Stops waiting for the start.</param>
    /// <returns>A task that completes when the app has started.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default) => _server.Value.WaitAsync(cancellationToken);

    /// <summary>Waits until code in the app has started a timer with the given due time that has neither fired nor been disposed.</summary>
    /// <param name="dueTime">The due time, such as the 9-second deadline the router starts for a sync tool call (<see cref="FlireoToolsOptions.SyncTimeout"/>, or the tool's lower <see cref="FlireoToolAttribute.TimeoutSeconds"/>).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when such a timer is pending; then <c>Time.Advance(dueTime)</c> fires it.</returns>
    /// <exception cref="TimeoutException">No such timer was started within 10 seconds of real time; the message lists the pending timers.</exception>
    /// <remarks>
    /// A timer started after the clock was advanced counts from the new time, so a test that advances too early waits
    /// forever. Start the call without awaiting it, wait for its timer, then advance:
    /// <code>
    /// var pending = host.CallToolAsync("slow_lookup", new { query = "Jan" });
    /// await host.WaitForTimerAsync(TimeSpan.FromSeconds(9));
    /// host.Time.Advance(TimeSpan.FromSeconds(9));
    /// var answer = await pending;
    /// </code>
    /// </remarks>
    public Task WaitForTimerAsync(TimeSpan dueTime, CancellationToken cancellationToken = default)
        => _timers.WaitForTimerAsync(dueTime, TimerWaitLimit, cancellationToken);

    /// <summary>Sends a signed tool-calls webhook with one call, as Flireo does when the model calls a tool, and reads the answer.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="arguments">The arguments: an object (such as <c>new { date = "2026-03-07", partySize = 2 }</c>), a JSON element or node, a string holding JSON, or <see langword="null"/> for <c>{}</c>.</param>
    /// <param name="call">The call the webhook belongs to, or <see langword="null"/> for <see cref="FlireoTestHostOptions.Call"/>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The HTTP status and the call's result or error, normalised by <see cref="ToolResponse.Parse(string, IReadOnlyList{string})"/>.</returns>
    /// <remarks>Each call gets a new tool call id (<c>tool_call_1</c>, <c>tool_call_2</c>, …), so the endpoint never answers it from its idempotency cache.</remarks>
    public async Task<ToolCallAnswer> CallToolAsync(string name, object? arguments = null, CallInfo? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var id = NextToolCallId();
        var body = ToolCallsBody([(id, name, WebhookBodyWriter.ToArguments(arguments, SerializerOptions))], call);
        var (status, text) = await PostAsync(body, _options.WebhookPath, WebhookTypes.ToolCalls, cancellationToken).ConfigureAwait(false);
        return new ToolCallAnswer(status, text, name, id, SerializerOptions);
    }

    /// <summary>Sends one signed tool-calls webhook carrying several calls, which the router runs concurrently, and reads the answer.</summary>
    /// <param name="calls">The calls, in request order.</param>
    /// <returns>The HTTP status and one normalised outcome per call, in request order.</returns>
    public Task<ToolCallsAnswer> CallToolsAsync(params TestToolCall[] calls) => CallToolsAsync((IEnumerable<TestToolCall>)calls);

    /// <summary>Sends one signed tool-calls webhook carrying several calls, which the router runs concurrently, and reads the answer.</summary>
    /// <param name="calls">The calls, in request order.</param>
    /// <param name="call">The call the webhook belongs to, or <see langword="null"/> for <see cref="FlireoTestHostOptions.Call"/>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The HTTP status and one normalised outcome per call, in request order.</returns>
    public async Task<ToolCallsAnswer> CallToolsAsync(IEnumerable<TestToolCall> calls, CallInfo? call = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var list = new List<(string Id, string Name, JsonElement Arguments)>();
        foreach (var item in calls)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(calls));
            list.Add((item.Id ?? NextToolCallId(), item.Name, WebhookBodyWriter.ToArguments(item.Arguments, SerializerOptions)));
        }

        var body = ToolCallsBody(list, call);
        var (status, text) = await PostAsync(body, _options.WebhookPath, WebhookTypes.ToolCalls, cancellationToken).ConfigureAwait(false);
        return new ToolCallsAnswer(status, text, list.ConvertAll(c => c.Id));
    }

    /// <summary>Sends a tool-calls webhook body exactly as given, signed, and reads the answer.</summary>
    /// <param name="json">The whole body, <c>{"message":{"type":"tool-calls",…}}</c>, in any casing or shape the test needs.</param>
    /// <param name="path">The path to post to, such as <c>/flireo/tools/book_table</c> for a per-tool URL; <see langword="null"/> for <see cref="FlireoTestHostOptions.WebhookPath"/>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The HTTP status and one normalised outcome per tool call found in <paramref name="json"/>.</returns>
    public async Task<ToolCallsAnswer> SendToolCallsAsync(string json, string? path = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var body = Encoding.UTF8.GetBytes(json);
        var ids = new List<string>();
        if (WebhookMessage.TryParse(body, out var message, out _))
        {
            using (message)
            {
                foreach (var call in message.ToolCalls)
                {
                    ids.Add(call.Id);
                }
            }
        }

        var (status, text) = await PostAsync(body, path ?? _options.WebhookPath, TryGetType(body), cancellationToken).ConfigureAwait(false);
        return new ToolCallsAnswer(status, text, ids);
    }

    /// <summary>Sends a signed assistant-request webhook, as Flireo does when an inbound call rings, and reads the answer.</summary>
    /// <param name="call">The ringing call, or <see langword="null"/> for <see cref="FlireoTestHostOptions.Call"/>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The HTTP status and the assistant configuration the app chose.</returns>
    public async Task<AssistantRequestAnswer> SendAssistantRequestAsync(CallInfo? call = null, CancellationToken cancellationToken = default)
    {
        var body = WebhookBodyWriter.Write(Envelope(WebhookTypes.AssistantRequest, call, "ringing", null, null, null), null);
        var (status, text) = await PostAsync(body, _options.WebhookPath, WebhookTypes.AssistantRequest, cancellationToken).ConfigureAwait(false);
        return new AssistantRequestAnswer(status, text);
    }

    /// <summary>Sends a signed status-update webhook; the app answers at once and runs its handlers in the background.</summary>
    /// <param name="update">
    /// The update, such as <c>new StatusUpdate { Status = "ended" }</c>: <see cref="StatusUpdate.Status"/> (the call status), <see cref="StatusUpdate.Error"/>, <see cref="StatusUpdate.EndReason"/>, and
    /// optionally <see cref="WebhookEvent.Call"/> (when all its fields are <see langword="null"/>, <see cref="FlireoTestHostOptions.Call"/>),
    /// <see cref="WebhookEvent.Timestamp"/>, <see cref="WebhookEvent.Assistant"/> and <see cref="WebhookEvent.AssistantMetadata"/>.
    /// Its <see cref="WebhookEvent.Casing"/> and <see cref="WebhookEvent.Message"/> are not used: <see cref="FlireoTestHostOptions.Casing"/> decides the keys.
    /// </param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The HTTP status and body.</returns>
    public async Task<WebhookAnswer> SendStatusUpdateAsync(StatusUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var call = ResolveCall(update.Call);
        call = new CallInfo { Id = call.Id, Type = call.Type, Status = update.Status ?? call.Status, CustomerNumber = call.CustomerNumber, PhoneNumber = call.PhoneNumber };
        var envelope = Envelope(WebhookTypes.StatusUpdate, call, "in-progress", update.Timestamp, update.Assistant, update.AssistantMetadata);
        var body = WebhookBodyWriter.Write(envelope, (writer, camel) => WebhookBodyWriter.WriteStatusUpdate(writer, camel, update));
        var (status, text) = await PostAsync(body, _options.WebhookPath, WebhookTypes.StatusUpdate, cancellationToken).ConfigureAwait(false);
        return WebhookAnswer.Create(status, text);
    }

    /// <summary>Sends a signed end-of-call-report webhook; the app answers at once and runs its handlers in the background.</summary>
    /// <param name="report">
    /// The report: duration, summary, analysis, transcript, recording URL, end reason and times, and optionally
    /// <see cref="WebhookEvent.Call"/> (when all its fields are <see langword="null"/>, <see cref="FlireoTestHostOptions.Call"/>),
    /// <see cref="WebhookEvent.Timestamp"/>, <see cref="WebhookEvent.Assistant"/> and <see cref="WebhookEvent.AssistantMetadata"/>.
    /// Its <see cref="WebhookEvent.Casing"/> and <see cref="WebhookEvent.Message"/> are not used: <see cref="FlireoTestHostOptions.Casing"/> decides the keys.
    /// </param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The HTTP status and body.</returns>
    public async Task<WebhookAnswer> SendEndOfCallReportAsync(EndOfCallReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var envelope = Envelope(WebhookTypes.EndOfCallReport, report.Call, "ended", report.Timestamp, report.Assistant, report.AssistantMetadata);
        var body = WebhookBodyWriter.Write(envelope, (writer, camel) => WebhookBodyWriter.WriteReport(writer, camel, report));
        var (status, text) = await PostAsync(body, _options.WebhookPath, WebhookTypes.EndOfCallReport, cancellationToken).ConfigureAwait(false);
        return WebhookAnswer.Create(status, text);
    }

    /// <summary>Sends any webhook body exactly as given, signed, and returns the HTTP answer.</summary>
    /// <param name="json">The whole body.</param>
    /// <param name="path">The path to post to; <see langword="null"/> for <see cref="FlireoTestHostOptions.WebhookPath"/>.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    /// <returns>The HTTP status and body.</returns>
    public async Task<WebhookAnswer> SendAsync(string json, string? path = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var body = Encoding.UTF8.GetBytes(json);
        var (status, text) = await PostAsync(body, path ?? _options.WebhookPath, TryGetType(body), cancellationToken).ConfigureAwait(false);
        return WebhookAnswer.Create(status, text);
    }

    /// <summary>Builds the request Flireo would send for a body: POST, <c>application/json</c>, timestamp, signature and event headers.</summary>
    /// <param name="json">The whole body.</param>
    /// <param name="path">The path to post to; <see langword="null"/> for <see cref="FlireoTestHostOptions.WebhookPath"/>.</param>
    /// <returns>A new request to change (for example, to tamper with a header) and send with <see cref="Client"/>.</returns>
    /// <remarks>The signature uses <see cref="FlireoTestHostOptions.WebhookSecret"/> and the current <see cref="Time"/>; in unsigned mode there is none.</remarks>
    public HttpRequestMessage CreateRequest(string json, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var body = Encoding.UTF8.GetBytes(json);
        return BuildRequest(body, path ?? _options.WebhookPath, TryGetType(body));
    }

    /// <summary>Stops the app and releases the host.</summary>
    /// <returns>A task that completes when the app has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Client.Dispose();
        if (_server.IsValueCreated && _server.Value.IsCompletedSuccessfully)
        {
            _server.Value.Result.Dispose();
        }

        await _backend.DisposeAsync().ConfigureAwait(false);
    }

    private static FlireoTestHostOptions CreateOptions(Action<FlireoTestHostOptions>? configure)
    {
        var options = new FlireoTestHostOptions();
        configure?.Invoke(options);
        if (string.IsNullOrWhiteSpace(options.WebhookPath))
        {
            throw new ArgumentException("FlireoTestHostOptions.WebhookPath must be a path such as /flireo.", nameof(configure));
        }

        if (!options.WebhookPath.StartsWith('/'))
        {
            options.WebhookPath = "/" + options.WebhookPath;
        }

        if (options.Casing is not (WebhookCasing.SnakeCase or WebhookCasing.CamelCase))
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.Casing, "FlireoTestHostOptions.Casing is not a defined WebhookCasing.");
        }

        if (options.WebhookSecret is { Length: 0 })
        {
            throw new ArgumentException("FlireoTestHostOptions.WebhookSecret must not be empty; use null for unsigned mode.", nameof(configure));
        }

        options.Call ??= new CallInfo();
        if (options.Platform is { } platform)
        {
            // The app's Call Control commands go to the fake; a test that sets these itself (say, a wrong key) keeps its values.
            options.Settings.TryAdd("Flireo:Api:BaseUrl", platform.BaseUrl.ToString());
            options.Settings.TryAdd("Flireo:Api:Key", platform.ApiKey);
        }

        return options;
    }

    private static void AddTestServices(IServiceCollection services, FlireoTestHostOptions options, TimeProvider time)
    {
        // Registered last, so the fake clock wins over TryAdd defaults and the app's own registration.
        services.AddSingleton(time);
        var secret = options.WebhookSecret;
        services.PostConfigure<FlireoToolsOptions>(o =>
        {
            if (secret is null)
            {
                o.WebhookSecret = null;
                o.AdditionalWebhookSecrets.Clear();
                o.AllowUnsignedRequests = true;
            }
            else
            {
                o.WebhookSecret = secret;
            }
        });
    }

    private static string? TryGetType(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsEmpty(CallInfo call)
        => call.Id is null && call.Type is null && call.Status is null && call.CustomerNumber is null && call.PhoneNumber is null;

    private CallInfo ResolveCall(CallInfo? call) => call is null || IsEmpty(call) ? _options.Call : call;

    private string NextToolCallId() => "tool_call_" + Interlocked.Increment(ref _lastToolCallId).ToString(CultureInfo.InvariantCulture);

    private WebhookEnvelope Envelope(string type, CallInfo? call, string defaultStatus, DateTimeOffset? timestamp, JsonElement? assistant, JsonElement? metadata)
    {
        var assistantMetadata = metadata ?? (_options.AssistantMetadata is { } configured ? JsonSerializer.SerializeToElement(configured) : null);
        return new WebhookEnvelope(type, _options.Casing, timestamp ?? Time.GetUtcNow(), ResolveCall(call), defaultStatus, assistant, assistantMetadata);
    }

    private byte[] ToolCallsBody(IReadOnlyList<(string Id, string Name, JsonElement Arguments)> calls, CallInfo? call)
        => WebhookBodyWriter.Write(
            Envelope(WebhookTypes.ToolCalls, call, "in-progress", null, null, null),
            (writer, camel) => WebhookBodyWriter.WriteToolCalls(writer, camel, calls));

    private HttpRequestMessage BuildRequest(byte[] body, string path, string? type)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        if (_options.WebhookSecret is { } secret)
        {
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        }

        if (type is not null)
        {
            request.Headers.Add(WebhookSignature.EventHeader, type);
        }

        if (BearerToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private async Task<(System.Net.HttpStatusCode Status, string Body)> PostAsync(byte[] body, string path, string? type, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _server.Value.ConfigureAwait(false);
        using var request = BuildRequest(body, path, type);
        using var response = await Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, text);
    }

    private async Task<HttpMessageInvoker> StartServerAsync()
    {
        var handler = await _backend.StartAsync().ConfigureAwait(false);
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>Starts the app on the first request and forwards every request to it in memory.</summary>
    private sealed class ServerHandler(FlireoTestHost host) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var server = await host._server.Value.ConfigureAwait(false);
            return await server.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
