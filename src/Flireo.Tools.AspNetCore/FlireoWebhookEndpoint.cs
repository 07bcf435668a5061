using System.Buffers;
using System.Text.Json;
using Flireo.Tools.Diagnostics;
using Flireo.Tools.Protocol;
using Flireo.Tools.Security;
using Flireo.Tools.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.AspNetCore;

/// <summary>Receives Flireo webhooks: content type, size limit, raw body, bearer token, signature, parse, dispatch, answer.</summary>
internal sealed class FlireoWebhookEndpoint
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const int InitialBufferSize = 16 * 1024;

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private readonly ToolRouter _router;
    private readonly WebhookDispatcher _dispatcher;
    private readonly WebhookSignatureVerifier? _verifier;
    private readonly BearerTokenCheck? _bearerToken;
    private readonly int _maxBodySize;
    private readonly int _maxJsonDepth;
    private readonly WebhookCasing? _responseCasing;
    private readonly ErrorAnswer _errorAnswer;
    private readonly bool _includeDetailedErrors;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly LogThrottle _refusalLog;

    private FlireoWebhookEndpoint(ToolRouter router, WebhookDispatcher dispatcher, WebhookSignatureVerifier? verifier, FlireoToolsOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _router = router;
        _dispatcher = dispatcher;
        _verifier = verifier;
        _bearerToken = BearerTokenCheck.For(options.BearerToken);
        _maxBodySize = options.MaxRequestBodySize;
        _maxJsonDepth = options.MaxJsonDepth;
        _responseCasing = options.ResponseCasing;
        _errorAnswer = options.ErrorAnswer;
        _includeDetailedErrors = options.IncludeDetailedErrors;
        _timeProvider = timeProvider;
        _refusalLog = new LogThrottle(timeProvider, LogThrottle.DefaultWindow);
        _logger = logger;
    }

    /// <summary>Creates the endpoint from the application's services and checks that it is safe to start.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="pattern">The route pattern, for messages.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="InvalidOperationException"><c>AddFlireoTools</c> was not called, or no secret is configured outside Development.</exception>
    public static FlireoWebhookEndpoint Create(IServiceProvider services, string pattern)
    {
        const string MissingAddFlireoTools = "MapFlireoWebhooks needs the Flireo.Tools services, but they are not registered. "
            + "Call builder.Services.AddFlireoTools() (for example .AddFlireoTools().AddToolsFromAssemblyOf<MyTools>()) before building the app.";
        var router = services.GetService<ToolRouter>() ?? throw new InvalidOperationException(MissingAddFlireoTools);
        var dispatcher = services.GetService<WebhookDispatcher>() ?? throw new InvalidOperationException(MissingAddFlireoTools);
        var options = services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<FlireoWebhookEndpoint>() ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        var verifier = WebhookSignatureVerifier.Create(options, timeProvider);
        if (!verifier.HasSecrets)
        {
            if (options.AllowUnsignedRequests)
            {
                EndpointLog.UnsignedAllowed(logger, pattern);
            }
            else if (services.GetService<IHostEnvironment>()?.IsDevelopment() == true)
            {
                EndpointLog.UnsignedInDevelopment(logger, pattern);
            }
            else
            {
                throw new InvalidOperationException(
                    "No Flireo webhook secret is configured, so anyone could call the webhook endpoint " + pattern + ". "
                    + "Set Flireo:WebhookSecret (environment variable Flireo__WebhookSecret) to the webhook secret of the Flireo assistant, "
                    + "or set Flireo:AllowUnsignedRequests to true to accept unsigned webhooks on a trusted network. "
                    + "Only the Development environment starts without either.");
            }

            return new FlireoWebhookEndpoint(router, dispatcher, null, options, timeProvider, logger);
        }

        return new FlireoWebhookEndpoint(router, dispatcher, verifier, options, timeProvider, logger);
    }

    /// <summary>Handles one webhook request; never lets an exception escape for anything a caller can send.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>A task that completes when the answer has been written.</returns>
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        var started = _timeProvider.GetTimestamp();

        if (!request.HasJsonContentType())
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, "The content type must be application/json.", "content_type").ConfigureAwait(false);
            return;
        }

        if (request.ContentLength > _maxBodySize)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, TooLargeReason(), "too_large").ConfigureAwait(false);
            return;
        }

        if (_bearerToken is not null && !_bearerToken.IsAuthorized(request.Headers.Authorization))
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "Missing or invalid bearer token.", "bearer").ConfigureAwait(false);
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = _maxBodySize;
        }

        byte[]? buffer = null;
        WebhookMessage? message = null;
        try
        {
            var (body, length) = await ReadBodyAsync(request.Body, (int)Math.Min(request.ContentLength ?? InitialBufferSize, _maxBodySize), aborted).ConfigureAwait(false);
            buffer = body;
            if (length < 0)
            {
                await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, TooLargeReason(), "too_large").ConfigureAwait(false);
                return;
            }

            var raw = buffer.AsMemory(0, length);
            if (_verifier is not null)
            {
                var check = _verifier.Verify(request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader], raw.Span);
                if (check != SignatureCheck.Valid)
                {
                    await RejectAsync(context, StatusCodes.Status401Unauthorized, WebhookSignatureVerifier.Describe(check), "signature").ConfigureAwait(false);
                    return;
                }
            }

            if (!WebhookMessage.TryParse(raw, out message, out var error, _maxJsonDepth))
            {
                await RejectAsync(context, StatusCodes.Status400BadRequest, error, "invalid_body").ConfigureAwait(false);
                return;
            }

            // X-Webhook-Event is informative (the SDK's verifier ignores it and it is not signed): the body's type decides.
            var eventHeader = request.Headers[WebhookSignature.EventHeader];
            if (eventHeader.Count > 0 && _logger.IsEnabled(LogLevel.Debug))
            {
                var named = eventHeader.ToString();
                if (!string.Equals(named, message.Type, StringComparison.Ordinal))
                {
                    EndpointLog.EventHeaderMismatch(_logger, request.Path, named, message.Type);
                }
            }

            await DispatchAsync(context, message, aborted).ConfigureAwait(false);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
                EndpointLog.WebhookHandled(_logger, message.Type, message.CallId, elapsedMs);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            EndpointLog.RequestAborted(_logger, request.Path);
        }
        catch (BadHttpRequestException ex)
        {
            // Raised by the server while reading the body: over its size limit, or a malformed or truncated body.
            var tooLarge = ex.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await RejectAsync(context, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, tooLarge ? TooLargeReason() : "The request body could not be read.", tooLarge ? "too_large" : "invalid_body").ConfigureAwait(false);
        }
        catch (IOException) when (aborted.IsCancellationRequested)
        {
            EndpointLog.RequestAborted(_logger, request.Path);
        }
        catch (Exception ex)
        {
            EndpointLog.UnexpectedFailure(_logger, ex, request.Path);
            await WriteFallbackAsync(context, message, ex).ConfigureAwait(false);
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

    private static async Task WriteErrorAsync(HttpContext context, int statusCode, string reason)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WebhookJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("error"u8, reason);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private async Task DispatchAsync(HttpContext context, WebhookMessage message, CancellationToken cancellationToken)
    {
        var response = context.Response;
        switch (message.Type)
        {
            case WebhookTypes.ToolCalls:
            {
                var onlyTool = context.Request.RouteValues.TryGetValue("name", out var name) ? name as string : null;
                var answer = await _router.RouteAsync(message, onlyTool, cancellationToken).ConfigureAwait(false);
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = JsonContentType;
                using (var writer = new Utf8JsonWriter(response.BodyWriter, WebhookJson.WriterOptions))
                {
                    answer.WriteTo(writer);
                }

                break;
            }

            case WebhookTypes.AssistantRequest:
            {
                var answer = await _dispatcher.HandleAssistantRequestAsync(message, cancellationToken).ConfigureAwait(false);
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = JsonContentType;
                using (var writer = new Utf8JsonWriter(response.BodyWriter, WebhookJson.WriterOptions))
                {
                    answer.WriteTo(writer, _responseCasing ?? message.Casing);
                }

                break;
            }

            default:
                // status-update, end-of-call-report and unknown types: acknowledge at once, handlers run in the background.
                _dispatcher.Publish(message);
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = JsonContentType;
                response.BodyWriter.Write(EmptyObject);
                break;
        }

        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // Anyone can send a refused request without a secret: each one is counted, but at most one line per reason is
    // logged in each window, the next one carrying how many were held back.
    private async Task RejectAsync(HttpContext context, int statusCode, string reason, string kind)
    {
        ToolMetrics.WebhooksRefused.Add(1, new KeyValuePair<string, object?>("http.response.status_code", statusCode), new KeyValuePair<string, object?>("reason", kind));
        if (_logger.IsEnabled(LogLevel.Warning) && _refusalLog.ShouldLog(reason, kind, out var suppressed))
        {
            if (suppressed == 0)
            {
                EndpointLog.RequestRejected(_logger, context.Request.Path, statusCode, reason);
            }
            else
            {
                EndpointLog.RequestRejectedAfterSuppressed(_logger, context.Request.Path, statusCode, reason, suppressed, LogThrottle.DefaultWindow.TotalSeconds);
            }
        }

        await WriteErrorAsync(context, statusCode, reason).ConfigureAwait(false);
    }

    private async Task WriteFallbackAsync(HttpContext context, WebhookMessage? message, Exception exception)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            context.Abort();
            return;
        }

        try
        {
            response.Clear();
            var detail = _includeDetailedErrors ? " " + exception.Message : string.Empty;
            if (message is null)
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "The webhook could not be processed." + detail).ConfigureAwait(false);
            }
            else if (message.Type == WebhookTypes.ToolCalls)
            {
                var results = new ToolCallResult[message.ToolCalls.Count];
                for (var i = 0; i < results.Length; i++)
                {
                    results[i] = ToolCallResult.Failure(message.ToolCalls[i].Id, "The tool call could not be processed." + detail);
                }

                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = JsonContentType;
                using (var writer = new Utf8JsonWriter(response.BodyWriter, WebhookJson.WriterOptions))
                {
                    new ToolCallsResponse(results, _responseCasing ?? message.Casing, _errorAnswer).WriteTo(writer);
                }

                await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                // For assistant-request, {} means "use the saved assistant"; the other types ignore the body.
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = JsonContentType;
                await response.BodyWriter.WriteAsync(EmptyObject, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            context.Abort();
        }
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
