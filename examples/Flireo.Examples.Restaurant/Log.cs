using Microsoft.Extensions.Logging;

namespace Flireo.Examples.Restaurant;

/// <summary>Defines every log message of the restaurant tools, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Text message of {Length} characters sent to the number ending in {PhoneSuffix} (logged only, no SMS provider configured)")]
    public static partial void SmsSent(ILogger logger, string phoneSuffix, int length);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Trace, Message = "Text message to {PhoneNumber}: {Text}")]
    public static partial void SmsSentSensitive(ILogger logger, string phoneNumber, string text);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Booking {Code} made for {PartySize} guests on {Date} at {Time}, table {TableNumber}")]
    public static partial void BookingMade(ILogger logger, string code, int partySize, DateOnly date, TimeOnly time, int tableNumber);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Booking {Code} cancelled")]
    public static partial void BookingCancelled(ILogger logger, string code);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The weather service answered {StatusCode}")]
    public static partial void WeatherFailedStatus(ILogger logger, int statusCode);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "The weather service could not be reached or sent an unreadable answer")]
    public static partial void WeatherFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "The weather service did not answer within {TimeoutMs} ms")]
    public static partial void WeatherTimedOut(ILogger logger, double timeoutMs);
}
