using System.Buffers;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Platform;

/// <summary>The Call Control API client: a typed client on the shared platform HTTP client, behind the per-call limiter.</summary>
internal sealed class FlireoCallControl : IFlireoCallControl
{
    private readonly HttpClient _http;
    private readonly CallCommandLimiter _limiter;
    private readonly FlireoApiOptions _api;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public FlireoCallControl(HttpClient http, CallCommandLimiter limiter, IOptions<FlireoToolsOptions> options, TimeProvider time, ILogger<FlireoCallControl> logger)
    {
        _http = http;
        _limiter = limiter;
        _api = options.Value.Api;
        _time = time;
        _logger = logger;
    }

    public ValueTask<CallControlResult> InjectContextAsync(string callId, string content, bool triggerResponse, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(content);
        return SendAsync(callId, "inject-context", content, null, triggerResponse, null, cancellationToken);
    }

    public ValueTask<CallControlResult> SayAsync(string callId, string content, bool endAfter = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(content);
        return SendAsync(callId, "say", content, null, null, endAfter, cancellationToken);
    }

    public ValueTask<CallControlResult> EndCallAsync(string callId, string? message = null, CancellationToken cancellationToken = default) =>
        SendAsync(callId, "end-call", null, message, null, null, cancellationToken);

    public ValueTask<CallControlResult> TransferAsync(string callId, string destination, string? message = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        return SendAsync(callId, "transfer", destination, message, null, null, cancellationToken);
    }

    /// <summary>Writes the command body in the platform's snake_case shape (protocol §9).</summary>
    internal static byte[] WriteCommand(string type, string? contentOrDestination, string? message, bool? triggerResponse, bool? endAfter)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        // Relaxed escaping: the body is JSON for an API, never HTML, and phone numbers keep their '+'.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            if (contentOrDestination is not null)
            {
                writer.WriteString(type == "transfer" ? "destination" : "content", contentOrDestination);
            }

            if (triggerResponse is { } trigger)
            {
                writer.WriteBoolean("trigger_response", trigger);
            }

            if (endAfter is { } end)
            {
                writer.WriteBoolean("end_after", end);
            }

            if (message is not null)
            {
                writer.WriteString("message", message);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async ValueTask<CallControlResult> SendAsync(string callId, string type, string? contentOrDestination, string? message, bool? triggerResponse, bool? endAfter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        if (!await _limiter.AcquireAsync(callId, cancellationToken).ConfigureAwait(false))
        {
            PlatformLog.CommandRateLimited(_logger, type, callId, _api.CommandsPerMinutePerCall);
            return new CallControlResult(CallControlStatus.RateLimited, $"More than {_api.CommandsPerMinutePerCall} commands per minute for this call.");
        }

        var body = WriteCommand(type, contentOrDestination, message, triggerResponse, endAfter);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            PlatformLog.CommandBodySensitive(_logger, type, callId, System.Text.Encoding.UTF8.GetString(body));
        }

        var started = _time.GetTimestamp();
        PlatformAnswer answer;
        try
        {
            answer = await PlatformHttp.SendAsync(_http, _api, HttpMethod.Post, string.Concat("/calls/", Uri.EscapeDataString(callId), "/control"), body, cancellationToken).ConfigureAwait(false);
        }
        catch (FlireoApiException ex)
        {
            PlatformLog.CommandFailed(_logger, type, callId, ex.Message);
            throw;
        }

        var status = (int)answer.StatusCode;
        PlatformLog.CommandSent(_logger, type, callId, status, _time.GetElapsedTime(started).TotalMilliseconds);
        CallControlStatus outcome;
        switch (answer.StatusCode)
        {
            case var _ when answer.IsSuccess:
                return new CallControlResult(CallControlStatus.Sent, answer.Message);
            case HttpStatusCode.BadRequest:
                outcome = CallControlStatus.CallNotActive;
                break;
            case HttpStatusCode.NotFound:
                outcome = CallControlStatus.CallNotFound;
                break;
            case HttpStatusCode.TooManyRequests:
                outcome = CallControlStatus.RateLimited;
                break;
            default:
                var reason = $"The Flireo API answered {status} to the {type} command for call {callId}{(answer.Message is null ? "." : ": " + answer.Message)}";
                PlatformLog.CommandFailed(_logger, type, callId, reason);
                throw new FlireoApiException(reason, answer.StatusCode, answer.Code);
        }

        PlatformLog.CommandNotTaken(_logger, type, callId, outcome, answer.Message);
        return new CallControlResult(outcome, answer.Message);
    }
}
