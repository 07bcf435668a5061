namespace Flireo.Tools.Platform;

/// <summary>Sends commands to a live Flireo call through the Call Control API (<c>POST /calls/{id}/control</c>).</summary>
/// <remarks>
/// <para>
/// <c>AddFlireoTools</c> registers it, configured by <c>Flireo:Api:BaseUrl</c> and <c>Flireo:Api:Key</c>. Tool code reaches
/// the current call through <see cref="ToolCallContext.Call"/> instead.
/// </para>
/// <para>
/// A call must be in progress. "Call not active" (HTTP 400) and "call not found" (HTTP 404) are outcomes, not exceptions;
/// so is a command refused by the rate limit (the platform allows 10 commands per minute per call, and the client keeps to
/// that limit itself). Throttling (429, honouring <c>Retry-After</c>), server errors (5xx) and timeouts are retried; other
/// failures throw <see cref="FlireoApiException"/>.
/// </para>
/// </remarks>
public interface IFlireoCallControl
{
    /// <summary>Adds silent context to the conversation (<c>inject-context</c>), optionally making the assistant answer at once.</summary>
    /// <param name="callId">The Flireo call id.</param>
    /// <param name="content">The context the assistant reads.</param>
    /// <param name="triggerResponse"><see langword="true"/> to make the assistant respond to it immediately.</param>
    /// <param name="cancellationToken">Cancels the command, including any wait for the rate limit or a retry.</param>
    /// <returns>Whether the platform took the command, or why not.</returns>
    /// <exception cref="FlireoApiException">The platform refused the command for another reason (for example a wrong API key) or could not be reached.</exception>
    ValueTask<CallControlResult> InjectContextAsync(string callId, string content, bool triggerResponse, CancellationToken cancellationToken = default);

    /// <summary>Makes the assistant say a text (<c>say</c>), optionally hanging up afterwards.</summary>
    /// <param name="callId">The Flireo call id.</param>
    /// <param name="content">The text to speak.</param>
    /// <param name="endAfter"><see langword="true"/> to end the call after the text is spoken.</param>
    /// <param name="cancellationToken">Cancels the command, including any wait for the rate limit or a retry.</param>
    /// <returns>Whether the platform took the command, or why not.</returns>
    /// <exception cref="FlireoApiException">The platform refused the command for another reason (for example a wrong API key) or could not be reached.</exception>
    ValueTask<CallControlResult> SayAsync(string callId, string content, bool endAfter = false, CancellationToken cancellationToken = default);

    /// <summary>Ends the call (<c>end-call</c>), optionally after a final line.</summary>
    /// <param name="callId">The Flireo call id.</param>
    /// <param name="message">A final line the assistant says before hanging up, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command, including any wait for the rate limit or a retry.</param>
    /// <returns>Whether the platform took the command, or why not.</returns>
    /// <exception cref="FlireoApiException">The platform refused the command for another reason (for example a wrong API key) or could not be reached.</exception>
    ValueTask<CallControlResult> EndCallAsync(string callId, string? message = null, CancellationToken cancellationToken = default);

    /// <summary>Transfers the call (<c>transfer</c>) to a phone number or SIP URI, optionally after a line.</summary>
    /// <param name="callId">The Flireo call id.</param>
    /// <param name="destination">An E.164 phone number or a SIP URI.</param>
    /// <param name="message">What the assistant says before transferring, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command, including any wait for the rate limit or a retry.</param>
    /// <returns>Whether the platform took the command, or why not.</returns>
    /// <exception cref="FlireoApiException">The platform refused the command for another reason (for example a wrong API key) or could not be reached.</exception>
    ValueTask<CallControlResult> TransferAsync(string callId, string destination, string? message = null, CancellationToken cancellationToken = default);
}
