using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Dashboard;

/// <summary>Defines the log messages of the dashboard; event ids 7000–7099.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Serving the Flireo dashboard on {Pattern}.")]
    public static partial void Serving(ILogger logger, string pattern);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "The Flireo dashboard on {Pattern} needs no authorization: allowed because the environment is Development. Apply .RequireAuthorization() before deploying.")]
    public static partial void OpenInDevelopment(ILogger logger, string pattern);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "The Flireo dashboard on {Pattern} needs no authorization: allowed by Flireo:Dashboard:AllowAnonymous.")]
    public static partial void OpenByConfiguration(ILogger logger, string pattern);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Dashboard user {User} tried the tool {ToolName} (tool call {ToolCallId}): HTTP {StatusCode} in {ElapsedMs} ms.")]
    public static partial void ToolTried(ILogger logger, string user, string toolName, string toolCallId, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Dashboard user {User} retried the dead letter {Key}: {Found}.")]
    public static partial void DeadLetterRetried(ILogger logger, string user, string key, bool found);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Dashboard user {User} deleted the dead letter {Key}: {Found}.")]
    public static partial void DeadLetterDeleted(ILogger logger, string user, string key, bool found);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Refused a dashboard form post to {Path}: missing or invalid anti-forgery token.")]
    public static partial void AntiforgeryRejected(ILogger logger, string path);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "The dashboard could not record a tool call.")]
    public static partial void RecordFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Error, Message = "The dashboard action {Action} failed.")]
    public static partial void ActionFailed(ILogger logger, Exception exception, string action);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Information, Message = "Dashboard user {User} could not try the tool {ToolName}: {Reason}")]
    public static partial void TryRefused(ILogger logger, string user, string toolName, string reason);
}
