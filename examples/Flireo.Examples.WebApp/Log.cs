using Microsoft.Extensions.Logging;

namespace Flireo.Examples.WebApp;

/// <summary>Defines every log message of the web app, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "Call {CallId} from a known guest: greeting them by name")]
    public static partial void GreetingKnownGuest(ILogger logger, string? callId);

    [LoggerMessage(5002, LogLevel.Debug, "Call {CallId} from an unknown or hidden number: using the saved assistant")]
    public static partial void GreetingUnknownCaller(ILogger logger, string? callId);

    [LoggerMessage(5003, LogLevel.Information, "Call {CallId} is now {Status}")]
    public static partial void CallStatusChanged(ILogger logger, string? callId, string status);

    [LoggerMessage(5004, LogLevel.Warning, "Call {CallId} ended with an error: {Error}")]
    public static partial void CallEndedWithError(ILogger logger, string? callId, string? error);

    [LoggerMessage(5005, LogLevel.Information, "Stored the summary of call {CallId} ({DurationSeconds} s)")]
    public static partial void SummaryStored(ILogger logger, string callId, double? durationSeconds);

    [LoggerMessage(5006, LogLevel.Warning, "An end-of-call report without a call id was ignored")]
    public static partial void SummaryWithoutCallId(ILogger logger);
}
