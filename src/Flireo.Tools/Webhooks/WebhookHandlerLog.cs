using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Webhooks;

/// <summary>Defines the log messages of the webhook handler (formerly the ASP.NET Core endpoint's); event ids 4050–4099.</summary>
internal static partial class WebhookHandlerLog
{
    [LoggerMessage(EventId = 4052, Level = LogLevel.Warning, Message = "Rejected a Flireo webhook on {Path} with {StatusCode}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 4059, Level = LogLevel.Warning, Message = "Rejected a Flireo webhook on {Path} with {StatusCode}: {Reason} ({SuppressedCount} more like it were not logged in the last {WindowSeconds} s)")]
    public static partial void RequestRejectedAfterSuppressed(ILogger logger, string path, int statusCode, string reason, long suppressedCount, double windowSeconds);

    [LoggerMessage(EventId = 4053, Level = LogLevel.Debug, Message = "Answered the {WebhookType} webhook for call {CallId} in {ElapsedMs} ms.")]
    public static partial void WebhookHandled(ILogger logger, string webhookType, string? callId, double elapsedMs);

    [LoggerMessage(EventId = 4054, Level = LogLevel.Error, Message = "A Flireo webhook on {Path} failed unexpectedly; answered with a safe fallback.")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 4055, Level = LogLevel.Warning, Message = "!!! NO FLIREO WEBHOOK SECRET IS CONFIGURED: {Pattern} ACCEPTS UNSIGNED WEBHOOKS FROM ANYONE. This is allowed only because the environment is Development. Set Flireo:WebhookSecret (env Flireo__WebhookSecret) before deploying.")]
    public static partial void UnsignedInDevelopment(ILogger logger, string pattern);

    [LoggerMessage(EventId = 4056, Level = LogLevel.Warning, Message = "No Flireo webhook secret is configured and Flireo:AllowUnsignedRequests is on: {Pattern} accepts unsigned webhooks. Only do this on a trusted network.")]
    public static partial void UnsignedAllowed(ILogger logger, string pattern);

    [LoggerMessage(EventId = 4057, Level = LogLevel.Debug, Message = "The caller disconnected before the Flireo webhook on {Path} was answered.")]
    public static partial void RequestAborted(ILogger logger, string path);

    [LoggerMessage(EventId = 4058, Level = LogLevel.Debug, Message = "The X-Webhook-Event header on {Path} says {EventHeader} but message.type is {WebhookType}; handled as {WebhookType}.")]
    public static partial void EventHeaderMismatch(ILogger logger, string path, string eventHeader, string webhookType);
}
