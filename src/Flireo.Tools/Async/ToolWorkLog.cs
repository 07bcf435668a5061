using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Async;

/// <summary>Log messages of the async work queue and processor (event ids 2000–2099).</summary>
internal static partial class ToolWorkLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Async tool {ToolName} call {ToolCallId} (call {CallId}) queued")]
    internal static partial void WorkItemAccepted(ILogger logger, string toolName, string toolCallId, string? callId);

    [LoggerMessage(2001, LogLevel.Debug, "Async tool {ToolName} call {ToolCallId} (call {CallId}) ignored: accepted before")]
    internal static partial void WorkItemDuplicate(ILogger logger, string toolName, string toolCallId, string? callId);

    [LoggerMessage(2002, LogLevel.Warning, "Async tool {ToolName} call {ToolCallId} (call {CallId}) rejected: {Reason}")]
    internal static partial void WorkItemRejected(ILogger logger, string toolName, string toolCallId, string? callId, string reason);

    [LoggerMessage(2003, LogLevel.Debug, "Async tool {ToolName} call {ToolCallId} attempt {Attempt} starting")]
    internal static partial void AttemptStarting(ILogger logger, string toolName, string toolCallId, int attempt);

    [LoggerMessage(2004, LogLevel.Trace, "Async tool {ToolName} call {ToolCallId} arguments {Arguments}")]
    internal static partial void WorkItemArgumentsSensitive(ILogger logger, string toolName, string toolCallId, string arguments);

    [LoggerMessage(2005, LogLevel.Debug, "Async tool {ToolName} call {ToolCallId} completed after {Attempts} attempt(s) in {ElapsedMs} ms")]
    internal static partial void WorkItemCompleted(ILogger logger, string toolName, string toolCallId, int attempts, double elapsedMs);

    [LoggerMessage(2006, LogLevel.Warning, "Async tool {ToolName} call {ToolCallId} attempt {Attempt} ended with {Status}: {Error}; retrying in {DelayMs} ms")]
    internal static partial void WorkItemRetrying(ILogger logger, string toolName, string toolCallId, int attempt, ToolRunStatus status, string? error, double delayMs);

    [LoggerMessage(2007, LogLevel.Error, "Async tool {ToolName} call {ToolCallId} (call {CallId}) failed after {Attempts} attempt(s) with {Status}: {Error}")]
    internal static partial void WorkItemFailed(ILogger logger, string toolName, string toolCallId, string? callId, int attempts, ToolRunStatus status, string? error);

    [LoggerMessage(2008, LogLevel.Error, "Acknowledged async call not completed before shutdown: tool {ToolName}, tool call id {ToolCallId}, call id {CallId}")]
    internal static partial void WorkItemNotCompleted(ILogger logger, string toolName, string toolCallId, string? callId);

    [LoggerMessage(2009, LogLevel.Error, "The async work runner threw for tool {ToolName} call {ToolCallId} attempt {Attempt}; treated as a failed attempt")]
    internal static partial void RunnerThrew(ILogger logger, Exception exception, string toolName, string toolCallId, int attempt);

    // 2010 and 2011 were the in-process queue's own processor (started, idle); the one processor logs 2015.

    [LoggerMessage(2012, LogLevel.Information, "Draining {Count} unfinished async call(s); waiting up to {DrainTimeoutMs} ms")]
    internal static partial void Draining(ILogger logger, int count, double drainTimeoutMs);

    [LoggerMessage(2013, LogLevel.Information, "Async work drained")]
    internal static partial void Drained(ILogger logger);

    [LoggerMessage(2014, LogLevel.Warning, "Async work did not drain before shutdown; {Count} acknowledged call(s) cancelled or never started")]
    internal static partial void DrainIncomplete(ILogger logger, int count);

    [LoggerMessage(2015, LogLevel.Debug, "Async work processor started with {MaxConcurrency} workers on {Store}")]
    internal static partial void ProcessorStarted(ILogger logger, int maxConcurrency, string store);

    [LoggerMessage(2016, LogLevel.Error, "Async tool {ToolName} call {ToolCallId} (call {CallId}) moved to the dead letters after {Attempts} attempt(s) with {Status}: {Error}")]
    internal static partial void WorkItemDeadLettered(ILogger logger, string toolName, string toolCallId, string? callId, int attempts, ToolRunStatus status, string? error);

    [LoggerMessage(2017, LogLevel.Error, "The async work store failed to {Operation}")]
    internal static partial void StoreOperationFailed(ILogger logger, Exception exception, string operation);

    [LoggerMessage(2018, LogLevel.Warning, "Async tool {ToolName} call {ToolCallId} (call {CallId}) cancelled by shutdown; it stays stored and runs again")]
    internal static partial void WorkItemReleased(ILogger logger, string toolName, string toolCallId, string? callId);

    [LoggerMessage(2019, LogLevel.Warning, "Async work did not drain before shutdown; {Count} running call(s) cancelled and released to run again")]
    internal static partial void DurableDrainIncomplete(ILogger logger, int count);

    [LoggerMessage(2020, LogLevel.Information, "Draining async work: {Running} call(s) running; stored calls keep being taken until none is due, for up to {DrainTimeoutMs} ms")]
    internal static partial void DurableDraining(ILogger logger, int running, double drainTimeoutMs);

    [LoggerMessage(2021, LogLevel.Warning, "Async tool {ToolName} call {ToolCallId} (call {CallId}) left stored at shutdown; it runs after a restart")]
    internal static partial void WorkItemLeftStored(ILogger logger, string toolName, string toolCallId, string? callId);

    [LoggerMessage(2022, LogLevel.Warning, "More than {Listed} async calls are left stored at shutdown; only the first {Listed} are named")]
    internal static partial void MoreLeftStored(ILogger logger, int listed);

    [LoggerMessage(2023, LogLevel.Error, "Async tool {ToolName} call {ToolCallId} (call {CallId}) could not be stored in {Store}; it is refused")]
    internal static partial void StoreRefused(ILogger logger, Exception exception, string toolName, string toolCallId, string? callId, string store);

    [LoggerMessage(2024, LogLevel.Error, "The async work store {Store} could not be read for its status")]
    internal static partial void StoreStatusFailed(ILogger logger, Exception exception, string store);

    [LoggerMessage(2025, LogLevel.Critical, "The async work store {Store} could not be opened: async tool calls are refused and the host stops")]
    internal static partial void StoreOpenFailed(ILogger logger, Exception exception, string store);
}
