using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Diagnostics;

/// <summary>Logging for the router and tool execution; event ids 1000–1099.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Debug, "Tool call {ToolCallId} to {ToolName} started")]
    public static partial void ToolCallStarted(ILogger logger, string toolName, string toolCallId);

    [LoggerMessage(1001, LogLevel.Debug, "Tool call {ToolCallId} to {ToolName} ended as {Outcome} in {ElapsedMs} ms")]
    public static partial void ToolCallEnded(ILogger logger, string toolName, string toolCallId, string outcome, double elapsedMs);

    [LoggerMessage(1002, LogLevel.Warning, "Tool call {ToolCallId} asked for unknown tool {ToolName}")]
    public static partial void UnknownTool(ILogger logger, string toolName, string toolCallId);

    [LoggerMessage(1003, LogLevel.Warning, "Tool call {ToolCallId} to {ToolName} timed out after {TimeoutMs} ms; answered with a timeout error")]
    public static partial void ToolTimedOut(ILogger logger, string toolName, string toolCallId, double timeoutMs);

    [LoggerMessage(1004, LogLevel.Warning, "Tool call {ToolCallId} to {ToolName} finished {LateMs} ms after its deadline; its result was not sent")]
    public static partial void LateResult(ILogger logger, string toolName, string toolCallId, double lateMs);

    [LoggerMessage(1005, LogLevel.Error, "Tool call {ToolCallId} to {ToolName} threw")]
    public static partial void ToolThrew(ILogger logger, Exception exception, string toolName, string toolCallId);

    [LoggerMessage(1006, LogLevel.Information, "Tool call {ToolCallId} to {ToolName} had invalid arguments: {Reason}")]
    public static partial void InvalidArguments(ILogger logger, string toolName, string toolCallId, string reason);

    [LoggerMessage(1007, LogLevel.Debug, "Tool call {ToolCallId} to {ToolName} was seen before; answered with the stored outcome")]
    public static partial void DuplicateToolCall(ILogger logger, string toolName, string toolCallId);

    [LoggerMessage(1008, LogLevel.Debug, "Async tool call {ToolCallId} to {ToolName} acknowledged ({Result})")]
    public static partial void AsyncAcknowledged(ILogger logger, string toolName, string toolCallId, string result);

    [LoggerMessage(1009, LogLevel.Warning, "Async tool call {ToolCallId} to {ToolName} was refused by the work queue (full or shutting down)")]
    public static partial void AsyncRejected(ILogger logger, string toolName, string toolCallId);

    [LoggerMessage(1010, LogLevel.Trace, "Tool call {ToolCallId} to {ToolName} arguments: {Arguments}")]
    public static partial void ToolArgumentsSensitive(ILogger logger, string toolName, string toolCallId, string arguments);

    [LoggerMessage(1011, LogLevel.Trace, "Tool call {ToolCallId} to {ToolName} result: {Result}")]
    public static partial void ToolResultSensitive(ILogger logger, string toolName, string toolCallId, string result);

    [LoggerMessage(1012, LogLevel.Error, "The result of tool call {ToolCallId} to {ToolName} could not be serialised")]
    public static partial void ResultNotSerializable(ILogger logger, Exception exception, string toolName, string toolCallId);

    [LoggerMessage(1013, LogLevel.Information, "Tool call {ToolCallId} to {ToolName} returned an error: {Error}")]
    public static partial void ToolReturnedError(ILogger logger, string toolName, string toolCallId, string error);

    [LoggerMessage(1014, LogLevel.Error, "Tool call {ToolCallId} to {ToolName} failed after its deadline")]
    public static partial void LateFailure(ILogger logger, Exception exception, string toolName, string toolCallId);

    [LoggerMessage(1015, LogLevel.Warning, "Tool call {ToolCallId} to {ToolName} returned {ResultBytes} bytes of JSON, more than Flireo:MaxResultSize ({MaxResultSize}); answered with an error instead")]
    public static partial void ResultTooLarge(ILogger logger, string toolName, string toolCallId, int resultBytes, int maxResultSize);

    [LoggerMessage(1016, LogLevel.Warning, "Tool call {ToolCallId} to {ToolName} was not started: {Running} tool calls are running, the most Flireo:MaxConcurrentToolCalls allows; answered with a busy error")]
    public static partial void ServerBusy(ILogger logger, string toolName, string toolCallId, int running);

    [LoggerMessage(1040, LogLevel.Warning, "Tool call {ToolCallId} to {ToolName} reuses the id of a recent call of this phone call with another tool or other arguments; it runs as a new call, not as a retry")]
    public static partial void ToolCallIdReused(ILogger logger, string toolName, string toolCallId);

    [LoggerMessage(1025, LogLevel.Warning, "A tool-calls webhook of call {CallId} carried {Count} tool calls, more than Flireo:MaxToolCallsPerMessage ({Max}); the calls past the limit were not run and were answered with an error")]
    public static partial void TooManyToolCalls(ILogger logger, int count, int max, string? callId);
}
