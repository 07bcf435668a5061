using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Flireo.Tools.Platform;

/// <summary>The HTTP side every Flireo platform client shares: the named client, its resilience pipeline, auth and error bodies.</summary>
/// <remarks>
/// Clients of other API areas (assistants, tool templates) register with <see cref="AddPlatformHttpClient{TClient, TImplementation}"/>
/// and send with <see cref="SendAsync"/>, so they get the same base URL, key, retries and log redaction.
/// </remarks>
internal static class PlatformHttp
{
    /// <summary>The name of the HTTP client and its resilience pipeline.</summary>
    public const string ClientName = "Flireo.Platform";

    // A Retry-After longer than this is not waited for: the command is answered as rate limited instead.
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(60);

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    /// <summary>Registers a typed client on the shared platform HTTP client.</summary>
    /// <remarks>The named client, its header redaction and its resilience pipeline are configured once, however many typed clients share them.</remarks>
    public static IHttpClientBuilder AddPlatformHttpClient<TClient, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(IServiceCollection services)
        where TClient : class
        where TImplementation : class, TClient
    {
        if (!services.Any(static d => d.ServiceType == typeof(SharedClientMarker)))
        {
            services.AddSingleton<SharedClientMarker>();
            ConfigureSharedClient(services.AddHttpClient(ClientName));
        }

        return services.AddHttpClient<TClient, TImplementation>(ClientName);
    }

    private static void ConfigureSharedClient(IHttpClientBuilder builder)
    {
        builder.ConfigureHttpClient(static (provider, client) =>
        {
            // The resilience pipeline owns the timeouts: one per attempt and one for the whole command.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Flireo.Tools", typeof(PlatformHttp).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"));
        });
        builder.RedactLoggedHeaders([HeaderNames.Authorization]);
        builder.AddResilienceHandler(ClientName, static (pipeline, context) =>
        {
            var api = context.ServiceProvider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value.Api;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IFlireoCallControl).Namespace!);
            pipeline.AddTimeout(api.TotalTimeout);
            if (api.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = api.MaxRetries,
                    Delay = api.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                    OnRetry = args =>
                    {
                        var request = args.Outcome.Result?.RequestMessage;
                        var reason = args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "failure";
                        PlatformLog.Retrying(logger, request?.Method.Method ?? "POST", request?.RequestUri?.AbsolutePath ?? "?", args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, reason);
                        return default;
                    },
                });
            }

            pipeline.AddTimeout(api.AttemptTimeout);
        });
    }

    /// <summary>Decides whether an attempt is retried: 429 (unless it asks for a wait too long), 408, 5xx, network errors and attempt timeouts; never other 4xx.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled)
        {
            return RetryAfter(throttled) is not { } wait || wait <= LongestRetryAfter;
        }

        return HttpClientResiliencePredicates.IsTransient(outcome);
    }

    /// <summary>Sends one JSON request with the API key and reads the answer's status and message.</summary>
    /// <exception cref="FlireoApiException">No API key is configured, or the platform could not be reached.</exception>
    public static async ValueTask<PlatformAnswer> SendAsync(HttpClient client, FlireoApiOptions api, HttpMethod method, string path, byte[]? jsonBody, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(api.Key))
        {
            throw new FlireoApiException("No Flireo API key is configured: set Flireo:Api:Key (environment Flireo__Api__Key) to a key from the dashboard's Settings › API Keys.") { MissingKey = true };
        }

        using var request = new HttpRequestMessage(method, BuildUri(api.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException)
        {
            throw new FlireoApiException($"The Flireo API at {api.BaseUrl.GetLeftPart(UriPartial.Authority)} did not answer {method.Method} {path}: {ex.Message}", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var (code, message) = ReadMessage(body);
            return new PlatformAnswer(response.StatusCode, code, message, RetryAfter(response)) { Body = body };
        }
    }

    /// <summary>Joins the base URL and a path, keeping the base URL's own path (<c>/api/v1</c>).</summary>
    internal static Uri BuildUri(Uri baseUrl, string path)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(string.Concat(text.EndsWith('/') ? text[..^1] : text, path), UriKind.Absolute);
    }

    /// <summary>Reads an answer's message and error code from any of the platform's body shapes.</summary>
    /// <remarks>
    /// Success <c>{"success":true,"message":…}</c>, nested errors <c>{"error":{"code","message"}}</c> and flat errors
    /// <c>{"error":"…","message":"…"}</c> (protocol §8); anything else yields no message.
    /// </remarks>
    internal static (string? Code, string? Message) ReadMessage(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? code = null;
            string? message = null;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    code = Text(error, "code");
                    message = Text(error, "message");
                }
                else if (error.ValueKind == JsonValueKind.String)
                {
                    message = error.GetString();
                }
            }

            if (Text(root, "message") is { } flat)
            {
                message = message is null ? flat : string.Concat(message, ": ", flat);
            }

            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    /// <summary>Marks the shared client as configured.</summary>
    private sealed class SharedClientMarker;

    private static class HeaderNames
    {
        public const string Authorization = "Authorization";
    }
}

/// <summary>The status, error code, message and <c>Retry-After</c> of one platform answer.</summary>
internal readonly record struct PlatformAnswer(HttpStatusCode StatusCode, string? Code, string? Message, TimeSpan? RetryAfter)
{
    /// <summary>Gets the raw answer body (empty when there was none).</summary>
    public byte[] Body { get; init; } = [];

    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
