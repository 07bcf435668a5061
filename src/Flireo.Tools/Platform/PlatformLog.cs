using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Platform;

/// <summary>Log messages of the Flireo platform client; event ids 5000–5099. None of them carries the API key.</summary>
internal static partial class PlatformLog
{
    [LoggerMessage(5000, LogLevel.Debug, "Sent {CommandType} to call {CallId}: {StatusCode} in {ElapsedMs} ms")]
    public static partial void CommandSent(ILogger logger, string commandType, string callId, int statusCode, double elapsedMs);

    [LoggerMessage(5001, LogLevel.Information, "The {CommandType} command for call {CallId} was not taken: {Status} ({Reason})")]
    public static partial void CommandNotTaken(ILogger logger, string commandType, string callId, CallControlStatus status, string? reason);

    [LoggerMessage(5002, LogLevel.Warning, "The {CommandType} command for call {CallId} was not sent: {Limit} commands per minute per call reached and as many waiting")]
    public static partial void CommandRateLimited(ILogger logger, string commandType, string callId, int limit);

    [LoggerMessage(5003, LogLevel.Warning, "Flireo API request {Method} {Path} is retried (attempt {Attempt}) in {DelayMs} ms after {Reason}")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, double delayMs, string reason);

    [LoggerMessage(5004, LogLevel.Error, "The {CommandType} command for call {CallId} failed: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string commandType, string callId, string reason);

    [LoggerMessage(5005, LogLevel.Trace, "The {CommandType} command for call {CallId}: {Body}")]
    public static partial void CommandBodySensitive(ILogger logger, string commandType, string callId, string body);

    [LoggerMessage(5010, LogLevel.Debug, "The result of {ToolName} call {ToolCallId} is stored for announcement in call {CallId} ({Result})")]
    public static partial void AnnouncementStored(ILogger logger, string toolName, string toolCallId, string callId, string result);

    [LoggerMessage(5011, LogLevel.Error, "The result of {ToolName} call {ToolCallId} cannot be announced in call {CallId}: {Reason}")]
    public static partial void AnnouncementNotStored(ILogger logger, Exception? exception, string toolName, string toolCallId, string callId, string reason);

    [LoggerMessage(5012, LogLevel.Information, "The result of {ToolName} call {ToolCallId} was announced in call {CallId}")]
    public static partial void Announced(ILogger logger, string toolName, string toolCallId, string callId);

    [LoggerMessage(5013, LogLevel.Information, "The result of {ToolName} call {ToolCallId} was dropped: call {CallId} is {Status} ({Reason})")]
    public static partial void AnnouncementDropped(ILogger logger, string toolName, string toolCallId, string callId, CallControlStatus status, string? reason);

    [LoggerMessage(5014, LogLevel.Warning, "The result of {ToolName} call {ToolCallId} cannot be announced: the webhook had no call id")]
    public static partial void AnnouncementWithoutCall(ILogger logger, string toolName, string toolCallId);

    [LoggerMessage(5015, LogLevel.Error, "The result of {ToolName} call {ToolCallId} cannot be announced in call {CallId}: the Flireo API refused the API key ({Reason}); set Flireo:Api:Key to a valid key. The announcement is not retried")]
    public static partial void AnnouncementUnauthorized(ILogger logger, string toolName, string toolCallId, string callId, string reason);

    [LoggerMessage(5016, LogLevel.Information, "Tool call {ToolCallId} to {ToolName} is still running after {HandOffMs} ms: answered with the hand-off text; its result will be spoken into call {CallId}")]
    public static partial void HandedOff(ILogger logger, string toolName, string toolCallId, double handOffMs, string callId);

    [LoggerMessage(5020, LogLevel.Debug, "Flireo API request {Method} {Path} answered {StatusCode}")]
    public static partial void RequestSent(ILogger logger, string method, string path, int statusCode);

    [LoggerMessage(5021, LogLevel.Warning, "Flireo API request {Method} {Path} failed: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string reason);
}
