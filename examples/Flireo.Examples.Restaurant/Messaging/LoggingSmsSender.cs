using Microsoft.Extensions.Logging;

namespace Flireo.Examples.Restaurant.Messaging;

/// <summary>Pretends to send text messages by logging them; the default <see cref="ISmsSender"/>.</summary>
internal sealed class LoggingSmsSender(ILogger<LoggingSmsSender> logger) : ISmsSender
{
    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        ArgumentNullException.ThrowIfNull(text);

        // Phone numbers and message text are personal data: the full values only at Trace.
        Log.SmsSent(logger, phoneNumber.Length > 3 ? phoneNumber[^3..] : phoneNumber, text.Length);
        Log.SmsSentSensitive(logger, phoneNumber, text);
        return Task.CompletedTask;
    }
}
