using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Webhooks;

/// <summary>Defines the log messages of the webhook dispatcher; event ids 4000–4049.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "The assistant-request handler answered for call {CallId} in {ElapsedMs} ms.")]
    public static partial void AssistantRequestHandled(ILogger logger, string? callId, double elapsedMs);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The assistant-request handler did not answer within {TimeoutMs} ms for call {CallId}; answered {{}} so the saved assistant is used.")]
    public static partial void AssistantRequestTimedOut(ILogger logger, string? callId, double timeoutMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The assistant-request handler failed for call {CallId}; answered {{}} so the saved assistant is used.")]
    public static partial void AssistantRequestFailed(ILogger logger, Exception exception, string? callId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The assistant-request handler returned null for call {CallId}; answered {{}}.")]
    public static partial void AssistantRequestReturnedNull(ILogger logger, string? callId);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "{HandlerType} handled {WebhookType} for call {CallId} in {ElapsedMs} ms.")]
    public static partial void EventHandled(ILogger logger, string handlerType, string webhookType, string? callId, double elapsedMs);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "{HandlerType} did not finish {WebhookType} for call {CallId} within {TimeoutMs} ms; it was cancelled and is not retried.")]
    public static partial void EventHandlerTimedOut(ILogger logger, string handlerType, string webhookType, string? callId, double timeoutMs);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Error, Message = "{HandlerType} failed on {WebhookType} for call {CallId}; it is not retried.")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception, string handlerType, string webhookType, string? callId);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Warning, Message = "{HandlerType} was cancelled at shutdown while handling {WebhookType} for call {CallId}.")]
    public static partial void EventHandlerCancelledAtShutdown(ILogger logger, string handlerType, string webhookType, string? callId);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "Received a webhook of unknown type {WebhookType}; answered 200 and ignored it. Further webhooks of this type are not logged.")]
    public static partial void UnknownWebhookType(ILogger logger, string webhookType);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Information, Message = "Waiting up to {GraceMs} ms for {Count} webhook handler(s) to finish before shutdown.")]
    public static partial void WaitingForHandlers(ILogger logger, int count, double graceMs);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Warning, Message = "{Count} webhook handler(s) were still running at shutdown and have been cancelled.")]
    public static partial void HandlersAbandoned(ILogger logger, int count);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Error, Message = "Background webhook work failed.")]
    public static partial void BackgroundWorkFailed(ILogger logger, Exception exception);
}
