namespace Flireo.Examples.Restaurant.Messaging;

/// <summary>Sends text messages to guests; register an implementation for your SMS provider.</summary>
/// <remarks>The default implementation only writes a log entry, so the example runs without an SMS account.</remarks>
public interface ISmsSender
{
    /// <summary>Sends one text message.</summary>
    /// <param name="phoneNumber">The recipient in E.164 form, for example <c>+31612345678</c>.</param>
    /// <param name="text">The message text.</param>
    /// <param name="cancellationToken">Cancels the sending.</param>
    /// <returns>A task that completes when the provider accepted the message.</returns>
    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken);
}
