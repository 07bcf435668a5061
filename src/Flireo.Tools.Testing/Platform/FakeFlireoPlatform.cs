using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Testing.Platform;

/// <summary>A fake of the Flireo REST API on a real loopback port, for testing code that acts on live calls.</summary>
/// <remarks>
/// <para>
/// It listens on <c>127.0.0.1</c> on a free port, checks the bearer API key, records every request with its headers, and
/// answers the Call Control API (<c>POST /calls/{id}/control</c>) the way the platform documents it: 200
/// <c>{"success":true,…}</c>, 400 when the call is not in progress (after <see cref="EndCall"/>, or after an accepted
/// <c>end-call</c> or <c>say</c> with <c>end_after</c>), 404 for a call removed with <see cref="RemoveCall"/>, 401 for a
/// wrong key, and 429 with <c>Retry-After</c> past <see cref="FakeFlireoPlatformOptions.CommandsPerMinutePerCall"/>.
/// Every other call id counts as a call in progress.
/// </para>
/// <para>
/// It also serves the Assistants API (<c>GET /assistants</c>, <c>GET</c>/<c>PATCH /assistants/{id}</c>) for assistants
/// added with <see cref="AddAssistant"/>, and the Tool templates API (<c>GET</c>/<c>POST /tool-templates</c>,
/// <c>GET</c>/<c>PATCH</c>/<c>DELETE /tool-templates/{id}</c>), in the SDK's snake_case shapes. A <c>PATCH</c> replaces
/// each top-level field it sends, like the platform; it is validated first (unknown fields, an <c>llm_config</c> without
/// <c>provider</c> or <c>model</c>, invalid or duplicate tools, unknown webhook events → 422 with <c>details</c>) and an
/// invalid one changes nothing. A template whose name is taken is refused with 409.
/// </para>
/// <para>
/// Point the code under test at <see cref="BaseUrl"/> (<c>Flireo:Api:BaseUrl</c>, or <c>Flireo__Api__BaseUrl</c> for a
/// server process) with <see cref="ApiKey"/> as <c>Flireo:Api:Key</c>. <see cref="FailNext"/> makes coming requests fail
/// with any status (429 with <c>Retry-After</c>, 5xx) or hang, to test retries and timeouts.
/// </para>
/// <code>
/// await using var platform = await FakeFlireoPlatform.StartAsync();
/// // … run the code with Flireo:Api:BaseUrl = platform.BaseUrl and Flireo:Api:Key = platform.ApiKey …
/// var command = (await platform.WaitForCommandsAsync(1))[0];
/// Assert.Equal("inject-context", command.Type);
/// </code>
/// </remarks>
public sealed partial class FakeFlireoPlatform : IAsyncDisposable
{
    /// <summary>The API key a fake accepts unless its options name another.</summary>
    public const string DefaultApiKey = "flireo-test-api-key";

    /// <summary>The path below the host where the API lives, as on the real platform.</summary>
    public const string ApiPath = "/api/v1";

    private static readonly TimeSpan DefaultWaitLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);
    private static readonly object CommandKey = new();

    private readonly WebApplication _app;
    private readonly FakeFlireoPlatformOptions _options;
    private readonly Lock _lock = new();
    private readonly List<RecordedPlatformRequest> _requests = [];
    private readonly List<RecordedCallCommand> _commands = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly Queue<PlatformFault> _faults = new();
    private readonly ConcurrentDictionary<string, CallState> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recentCommands = new(StringComparer.Ordinal);

    private FakeFlireoPlatform(WebApplication app, FakeFlireoPlatformOptions options)
    {
        _app = app;
        _options = options;
    }

    private enum CallState
    {
        Ended,
        Removed,
    }

    /// <summary>Gets the API base URL to configure as <c>Flireo:Api:BaseUrl</c>, for example <c>http://127.0.0.1:50123/api/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets the API key the fake accepts; configure it as <c>Flireo:Api:Key</c>.</summary>
    public string ApiKey => _options.ApiKey;

    /// <summary>Gets a snapshot of every request received so far, in arrival order, whatever its path and answer.</summary>
    public IReadOnlyList<RecordedPlatformRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets a snapshot of every call-control command received so far, in arrival order, including refused ones.</summary>
    /// <remarks>Filter on <see cref="RecordedCallCommand.Accepted"/> for the commands the platform would have carried out.</remarks>
    public IReadOnlyList<RecordedCallCommand> Commands
    {
        get
        {
            lock (_lock)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Starts a fake platform on a free loopback port.</summary>
    /// <param name="configure">Changes the options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops waiting for the start.</param>
    /// <returns>The started fake; dispose it to stop it.</returns>
    public static async Task<FakeFlireoPlatform> StartAsync(Action<FakeFlireoPlatformOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new FakeFlireoPlatformOptions();
        configure?.Invoke(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var platform = new FakeFlireoPlatform(app, options);
        platform.Map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        platform.BaseUrl = new Uri(address.TrimEnd('/') + ApiPath);
        return platform;
    }

    /// <summary>Marks a call as no longer in progress: its commands are answered 400, as the platform does after hang-up.</summary>
    /// <param name="callId">The call id.</param>
    public void EndCall(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        _calls[callId] = CallState.Ended;
    }

    /// <summary>Makes a call unknown: its commands are answered 404.</summary>
    /// <param name="callId">The call id.</param>
    public void RemoveCall(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        _calls[callId] = CallState.Removed;
    }

    /// <summary>Makes the next <paramref name="count"/> requests (any path, after the key check) fail as described instead of being handled.</summary>
    /// <param name="fault">The answer to give, for example <c>new PlatformFault(429, TimeSpan.FromSeconds(2))</c> or <see cref="PlatformFault.Hang"/>.</param>
    /// <param name="count">How many coming requests get it.</param>
    public void FailNext(PlatformFault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> call-control commands have been received and answered.</summary>
    /// <param name="count">How many commands to wait for.</param>
    /// <param name="timeout">How long to wait, or <see langword="null"/> for 30 seconds.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Every command received so far (at least <paramref name="count"/>).</returns>
    /// <exception cref="TimeoutException">Fewer commands arrived in time; the message lists those that did.</exception>
    public async Task<IReadOnlyList<RecordedCallCommand>> WaitForCommandsAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            if (_commands.Count >= count)
            {
                return [.. _commands];
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }

        try
        {
            await signal.Task.WaitAsync(timeout ?? DefaultWaitLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var seen = Commands;
            throw new TimeoutException($"Waited for {count} call-control command(s); {seen.Count} arrived: {string.Join(", ", seen.Select(c => $"{c.Type} {c.CallId} ({c.Request.StatusCode})"))}.");
        }

        return Commands;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        // One middleware does what every endpoint shares (recording, the key check, injected faults); endpoints of further
        // API areas (assistants, tool templates) are added to the same group.
        app.Use(HandleAsync);
        var api = app.MapGroup(ApiPath);
        api.MapPost("/calls/{callId}/control", (Delegate)ControlAsync);
        MapResources(api);
        app.MapFallback(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsJsonAsync(new { error = new { code = "not_found", message = "No such endpoint on the fake platform." } });
        });
    }

    private async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var received = DateTimeOffset.UtcNow;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        context.Items[typeof(string)] = body;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var status = 0;
        try
        {
            if (request.Headers.Authorization.ToString() != "Bearer " + _options.ApiKey)
            {
                await WriteAsync(context, StatusCodes.Status401Unauthorized, new { error = "Unauthorized", message = "Invalid or missing API key" }).ConfigureAwait(false);
            }
            else if (NextFault() is { } fault)
            {
                await FailAsync(context, fault).ConfigureAwait(false);
            }
            else
            {
                await next(context).ConfigureAwait(false);
            }

            status = context.Response.StatusCode;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (a hang, or its timeout): recorded with status 0.
        }

        var recorded = new RecordedPlatformRequest
        {
            Method = request.Method,
            Path = request.Path.StartsWithSegments(ApiPath, out var rest) ? rest.Value ?? "/" : request.Path.Value ?? "/",
            Headers = headers,
            Body = body,
            StatusCode = status,
            ReceivedAt = received,
        };
        Record(recorded, context.Items[CommandKey] as Func<RecordedPlatformRequest, RecordedCallCommand>);
    }

    private async Task ControlAsync(HttpContext context, string callId)
    {
        var body = (string)context.Items[typeof(string)]!;
        callId = Uri.UnescapeDataString(callId);
        JsonElement command;
        try
        {
            using var document = JsonDocument.Parse(body);
            command = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await WriteAsync(context, 400, Error("invalid_request", "The body is not JSON.")).ConfigureAwait(false);
            return;
        }

        var type = Text(command, "type");
        context.Items[CommandKey] = (Func<RecordedPlatformRequest, RecordedCallCommand>)(request => new RecordedCallCommand
        {
            CallId = callId,
            Type = type,
            Content = Text(command, "content"),
            TriggerResponse = Flag(command, "trigger_response"),
            EndAfter = Flag(command, "end_after"),
            Message = Text(command, "message"),
            Destination = Text(command, "destination"),
            Request = request,
        });
        var invalid = type switch
        {
            "inject-context" => Text(command, "content") is null || Flag(command, "trigger_response") is null ? "inject-context needs content and trigger_response." : null,
            "say" => Text(command, "content") is null || Flag(command, "end_after") is null ? "say needs content and end_after." : null,
            "end-call" => null,
            "transfer" => string.IsNullOrWhiteSpace(Text(command, "destination")) ? "transfer needs a destination." : null,
            _ => $"Unknown command type '{type}'.",
        };
        if (invalid is not null)
        {
            await WriteAsync(context, 400, Error("invalid_request", invalid)).ConfigureAwait(false);
            return;
        }

        if (_calls.TryGetValue(callId, out var state))
        {
            var (status, message) = state == CallState.Removed ? (404, "Call not found") : (400, "Call is not active");
            await WriteAsync(context, status, new { error = message, message = $"Call {callId}: {message.ToLowerInvariant()}." }).ConfigureAwait(false);
            return;
        }

        if (RetryAfterLimit(callId) is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await WriteAsync(context, 429, Error("rate_limit_exceeded", $"More than {_options.CommandsPerMinutePerCall} commands per minute for this call.")).ConfigureAwait(false);
            return;
        }

        if (type == "end-call" || (type == "say" && Flag(command, "end_after") == true))
        {
            _calls[callId] = CallState.Ended;
        }

        await WriteAsync(context, 200, new { success = true, message = "Command sent successfully" }).ConfigureAwait(false);
    }

    private TimeSpan? RetryAfterLimit(string callId)
    {
        var limit = _options.CommandsPerMinutePerCall;
        if (limit <= 0)
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        lock (_lock)
        {
            if (!_recentCommands.TryGetValue(callId, out var recent))
            {
                _recentCommands[callId] = recent = new Queue<DateTimeOffset>();
            }

            while (recent.Count > 0 && now - recent.Peek() >= RateWindow)
            {
                recent.Dequeue();
            }

            if (recent.Count >= limit)
            {
                return RateWindow - (now - recent.Peek());
            }

            recent.Enqueue(now);
            return null;
        }
    }

    private PlatformFault? NextFault()
    {
        lock (_lock)
        {
            return _faults.TryDequeue(out var fault) ? fault : null;
        }
    }

    private static async Task FailAsync(HttpContext context, PlatformFault fault)
    {
        if (fault.Stall)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var code = fault.StatusCode == 429 ? "rate_limit_exceeded" : "injected_fault";
        await WriteAsync(context, fault.StatusCode, Error(code, $"Fault injected by the test: {fault.StatusCode}.")).ConfigureAwait(false);
    }

    private void Record(RecordedPlatformRequest request, Func<RecordedPlatformRequest, RecordedCallCommand>? command)
    {
        List<TaskCompletionSource>? ready = null;
        lock (_lock)
        {
            _requests.Add(request);
            if (command is null)
            {
                return;
            }

            _commands.Add(command(request));
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= _commands.Count)
                {
                    (ready ??= []).Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        ready?.ForEach(static signal => signal.TrySetResult());
    }

    private static object Error(string code, string message) => new { error = new { code, message } };

    private static Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
