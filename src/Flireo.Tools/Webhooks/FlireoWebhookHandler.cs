using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Flireo.Tools.Diagnostics;
using Flireo.Tools.Protocol;
using Flireo.Tools.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Webhooks;

/// <summary>Handles Flireo webhooks for any host: content type, size limit, bearer token, body, signature, parse, dispatch, answer.</summary>
/// <remarks>
/// <para>
/// This is the whole webhook pipeline of <c>MapFlireoWebhooks</c> without HTTP types, for hosts such as Azure Functions,
/// AWS Lambda or a plain <c>HttpListener</c>: the host turns its request into a <see cref="WebhookRequest"/>, calls
/// <see cref="HandleAsync"/> and writes the <see cref="WebhookResult"/> back. Refused requests (415, 413, 401, 400)
/// are counted in the <c>flireo.webhooks.refused</c> metric and logged at most once per reason every 10 seconds.
/// </para>
/// <para>
/// Get one from the services (<c>AddFlireoTools</c> registers it) or from <see cref="Create"/>. Either way it is
/// created only when asked for, and creating it fails when no webhook secret is configured outside Development (unless
/// <see cref="FlireoToolsOptions.AllowUnsignedRequests"/> is set): resolve it while the host starts, so an unsafe
/// deployment stops before it takes traffic.
/// </para>
/// </remarks>
public sealed class FlireoWebhookHandler
{
    private const int InitialBufferSize = 16 * 1024;
    private const int InitialAnswerSize = 1024;
    private const string AnyEndpoint = "the webhook endpoint";

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private readonly ToolRouter _router;
    private readonly WebhookDispatcher _dispatcher;
    private readonly WebhookSignatureVerifier? _verifier;
    private readonly BearerTokenCheck? _bearerToken;
    private readonly string _endpoint;
    private readonly int _maxBodySize;
    private readonly int _maxJsonDepth;
    private readonly WebhookCasing? _responseCasing;
    private readonly ErrorAnswer _errorAnswer;
    private readonly bool _includeDetailedErrors;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly LogThrottle _refusalLog;

    private FlireoWebhookHandler(ToolRouter router, WebhookDispatcher dispatcher, WebhookSignatureVerifier? verifier, FlireoToolsOptions options, string endpoint, TimeProvider timeProvider, ILogger logger)
    {
        _router = router;
        _dispatcher = dispatcher;
        _verifier = verifier;
        _bearerToken = BearerTokenCheck.For(options.BearerToken);
        _endpoint = endpoint;
        _maxBodySize = options.MaxRequestBodySize;
        _maxJsonDepth = options.MaxJsonDepth;
        _responseCasing = options.ResponseCasing;
        _errorAnswer = options.ErrorAnswer;
        _includeDetailedErrors = options.IncludeDetailedErrors;
        _timeProvider = timeProvider;
        _refusalLog = new LogThrottle(timeProvider, LogThrottle.DefaultWindow);
        _logger = logger;
    }

    /// <summary>Creates a handler from the application's services and checks that it is safe to start.</summary>
    /// <param name="services">The application's services, with <c>AddFlireoTools</c> called.</param>
    /// <param name="endpoint">Where the host serves webhooks (for example <c>/flireo</c>), named in startup messages and in logs of requests without a <see cref="WebhookRequest.Path"/>; <see langword="null"/> for none.</param>
    /// <returns>A new handler with its own refusal-log throttle.</returns>
    /// <exception cref="InvalidOperationException"><c>AddFlireoTools</c> was not called, or no secret is configured outside Development.</exception>
    /// <remarks>
    /// Without a secret (<see cref="FlireoToolsOptions.WebhookSecret"/> or an additional one) the handler is created
    /// only in the Development environment, with a loud warning, or when <see cref="FlireoToolsOptions.AllowUnsignedRequests"/> is set.
    /// </remarks>
    public static FlireoWebhookHandler Create(IServiceProvider services, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        const string MissingAddFlireoTools = "FlireoWebhookHandler needs the Flireo.Tools services, but they are not registered. "
            + "Call builder.Services.AddFlireoTools() (for example .AddFlireoTools().AddToolsFromAssemblyOf<MyTools>()) before building the app.";
        var router = services.GetService<ToolRouter>() ?? throw new InvalidOperationException(MissingAddFlireoTools);
        var dispatcher = services.GetService<WebhookDispatcher>() ?? throw new InvalidOperationException(MissingAddFlireoTools);
        var options = services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<FlireoWebhookHandler>() ?? (ILogger)NullLogger.Instance;
        var named = endpoint ?? AnyEndpoint;

        var verifier = WebhookSignatureVerifier.Create(options, timeProvider);
        if (!verifier.HasSecrets)
        {
            if (options.AllowUnsignedRequests)
            {
                WebhookHandlerLog.UnsignedAllowed(logger, named);
            }
            else if (services.GetService<IHostEnvironment>()?.IsDevelopment() == true)
            {
                WebhookHandlerLog.UnsignedInDevelopment(logger, named);
            }
            else
            {
                throw new InvalidOperationException(
                    "No Flireo webhook secret is configured, so anyone could call the webhook endpoint" + (endpoint is null ? string.Empty : " " + endpoint) + ". "
                    + "Set Flireo:WebhookSecret (environment variable Flireo__WebhookSecret) to the webhook secret of the Flireo assistant, "
                    + "or set Flireo:AllowUnsignedRequests to true to accept unsigned webhooks on a trusted network. "
                    + "Only the Development environment starts without either.");
            }

            return new FlireoWebhookHandler(router, dispatcher, null, options, named, timeProvider, logger);
        }

        return new FlireoWebhookHandler(router, dispatcher, verifier, options, named, timeProvider, logger);
    }

    /// <summary>Handles one webhook request; never throws for anything a caller can send.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the caller goes away; running tools are cancelled too.</param>
    /// <returns>The answer to write back; dispose it after writing its body.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: there is nobody left to answer.</exception>
    /// <remarks>
    /// Bad input is answered with a short reason and never with exception text: 415 for a content type other than JSON,
    /// 413 for a body over <see cref="FlireoToolsOptions.MaxRequestBodySize"/>, 401 for a wrong bearer token or
    /// signature, 400 for a body that is not a Flireo webhook. Anything unexpected is logged and answered with a safe
    /// fallback (an error per tool call, or <c>{}</c>).
    /// </remarks>
    public async ValueTask<WebhookResult> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path ?? _endpoint;
        var started = _timeProvider.GetTimestamp();

        if (!IsJson(request.ContentType))
        {
            return Refuse(path, 415, "The content type must be application/json.", "content_type");
        }

        if (request.ContentLength > _maxBodySize)
        {
            return Refuse(path, 413, TooLargeReason(), "too_large");
        }

        if (_bearerToken is not null && !_bearerToken.IsAuthorized(request.Headers.GetValues("Authorization")))
        {
            return Refuse(path, 401, "Missing or invalid bearer token.", "bearer");
        }

        byte[]? buffer = null;
        WebhookMessage? message = null;
        try
        {
            var (body, length) = await ReadBodyAsync(request.Body, (int)Math.Min(request.ContentLength ?? InitialBufferSize, _maxBodySize), cancellationToken).ConfigureAwait(false);
            buffer = body;
            if (length < 0)
            {
                return Refuse(path, 413, TooLargeReason(), "too_large");
            }

            var raw = buffer.AsMemory(0, length);
            if (_verifier is not null)
            {
                var headers = request.Headers;
                var check = _verifier.Verify(headers.GetValues(WebhookSignature.TimestampHeader), headers.GetValues(WebhookSignature.SignatureHeader), raw.Span);
                if (check != SignatureCheck.Valid)
                {
                    return Refuse(path, 401, WebhookSignatureVerifier.Describe(check), "signature");
                }
            }

            if (!WebhookMessage.TryParse(raw, out message, out var error, _maxJsonDepth))
            {
                return Refuse(path, 400, error, "invalid_body");
            }

            // X-Webhook-Event is informative (the SDK's verifier ignores it and it is not signed): the body's type decides.
            var eventHeader = request.Headers.GetValues(WebhookSignature.EventHeader);
            if (eventHeader.Count > 0 && _logger.IsEnabled(LogLevel.Debug))
            {
                var named = eventHeader.ToString();
                if (!string.Equals(named, message.Type, StringComparison.Ordinal))
                {
                    WebhookHandlerLog.EventHeaderMismatch(_logger, path, named, message.Type);
                }
            }

            var result = await DispatchAsync(message, request.ToolName, cancellationToken).ConfigureAwait(false);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
                WebhookHandlerLog.WebhookHandled(_logger, message.Type, message.CallId, elapsedMs);
            }

            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            WebhookHandlerLog.RequestAborted(_logger, path);
            throw;
        }
        catch (WebhookBodyException ex)
        {
            // Raised by the host while reading the body: over its size limit, or a malformed or truncated body.
            return ex.IsTooLarge
                ? Refuse(path, 413, TooLargeReason(), "too_large")
                : Refuse(path, 400, "The request body could not be read.", "invalid_body");
        }
        catch (IOException ex) when (cancellationToken.IsCancellationRequested)
        {
            WebhookHandlerLog.RequestAborted(_logger, path);
            throw new OperationCanceledException("The caller disconnected before the webhook was answered.", ex, cancellationToken);
        }
        catch (Exception ex)
        {
            WebhookHandlerLog.UnexpectedFailure(_logger, ex, path);
            return Fallback(message, ex);
        }
        finally
        {
            // The message reads from the buffer, so it is disposed first.
            message?.Dispose();
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        if (string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // application/json with parameters (charset), or a structured +json type such as application/ld+json.
        return MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && parsed.MediaType is { } mediaType
            && (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static WebhookResult Error(int statusCode, string reason)
    {
        var buffer = new PooledBufferWriter(128);
        using (var writer = new Utf8JsonWriter(buffer, WebhookJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("error"u8, reason);
            writer.WriteEndObject();
        }

        return new WebhookResult(statusCode, buffer.WrittenMemory, buffer);
    }

    private static WebhookResult Answer(ToolCallsResponse answer)
    {
        var buffer = new PooledBufferWriter(InitialAnswerSize);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WebhookJson.WriterOptions))
            {
                answer.WriteTo(writer);
            }

            return new WebhookResult(200, buffer.WrittenMemory, buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static WebhookResult Answer(AssistantResponse answer, WebhookCasing casing)
    {
        var buffer = new PooledBufferWriter(InitialAnswerSize);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WebhookJson.WriterOptions))
            {
                answer.WriteTo(writer, casing);
            }

            return new WebhookResult(200, buffer.WrittenMemory, buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private async ValueTask<WebhookResult> DispatchAsync(WebhookMessage message, string? toolName, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case WebhookTypes.ToolCalls:
                return Answer(await _router.RouteAsync(message, toolName, cancellationToken).ConfigureAwait(false));

            case WebhookTypes.AssistantRequest:
            {
                var answer = await _dispatcher.HandleAssistantRequestAsync(message, cancellationToken).ConfigureAwait(false);
                return Answer(answer, _responseCasing ?? message.Casing);
            }

            default:
                // status-update, end-of-call-report and unknown types: acknowledge at once, handlers run in the background.
                _dispatcher.Publish(message);
                return WebhookResult.Fixed(200, EmptyObject);
        }
    }

    // Anyone can send a refused request without a secret: each one is counted, but at most one line per reason is
    // logged in each window, the next one carrying how many were held back.
    private WebhookResult Refuse(string path, int statusCode, string reason, string kind)
    {
        ToolMetrics.WebhooksRefused.Add(1, new KeyValuePair<string, object?>("http.response.status_code", statusCode), new KeyValuePair<string, object?>("reason", kind));
        if (_logger.IsEnabled(LogLevel.Warning) && _refusalLog.ShouldLog(reason, kind, out var suppressed))
        {
            if (suppressed == 0)
            {
                WebhookHandlerLog.RequestRejected(_logger, path, statusCode, reason);
            }
            else
            {
                WebhookHandlerLog.RequestRejectedAfterSuppressed(_logger, path, statusCode, reason, suppressed, LogThrottle.DefaultWindow.TotalSeconds);
            }
        }

        return Error(statusCode, reason);
    }

    private WebhookResult Fallback(WebhookMessage? message, Exception exception)
    {
        var detail = _includeDetailedErrors ? " " + exception.Message : string.Empty;
        if (message is null)
        {
            return Error(400, "The webhook could not be processed." + detail);
        }

        if (message.Type == WebhookTypes.ToolCalls)
        {
            var results = new ToolCallResult[message.ToolCalls.Count];
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = ToolCallResult.Failure(message.ToolCalls[i].Id, "The tool call could not be processed." + detail);
            }

            return Answer(new ToolCallsResponse(results, _responseCasing ?? message.Casing, _errorAnswer));
        }

        // For assistant-request, {} means "use the saved assistant"; the other types ignore the body.
        return WebhookResult.Fixed(200, EmptyObject);
    }

    private string TooLargeReason() => $"The body is larger than {_maxBodySize} bytes.";

    private async ValueTask<(byte[] Buffer, int Length)> ReadBodyAsync(Stream body, int expectedLength, CancellationToken cancellationToken)
    {
        var limit = _maxBodySize;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(expectedLength, 256));
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                    if (grown.Length <= buffer.Length)
                    {
                        ArrayPool<byte>.Shared.Return(grown);
                        return (buffer, -1);
                    }

                    buffer.AsSpan(0, total).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = grown;
                }

                var read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, total);
                }

                total += read;
                if (total > limit)
                {
                    return (buffer, -1);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
