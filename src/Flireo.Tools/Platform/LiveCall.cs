namespace Flireo.Tools.Platform;

/// <summary>Acts on the call a tool call belongs to: speak, inject context, transfer or end it; reached through <see cref="ToolCallContext.Call"/>.</summary>
/// <remarks>
/// Every verb sends a command through <see cref="IFlireoCallControl"/> for <see cref="Id"/>, so it needs <c>Flireo:Api:Key</c>
/// and a call in progress. A call that has ended answers <see cref="CallControlStatus.CallNotActive"/>; nothing is thrown.
/// <code>
/// [FlireoTool("transfer_to_chef")]
/// public async Task&lt;string&gt; TransferAsync(ToolCallContext context, CancellationToken cancellationToken)
/// {
///     var result = await context.Call.TransferAsync("+31850000001", "Connecting you to the chef", cancellationToken);
///     return result.IsSent ? "Transferring." : "The chef cannot be reached right now.";
/// }
/// </code>
/// </remarks>
public sealed class LiveCall
{
    private readonly IFlireoCallControl? _control;

    internal LiveCall(string? id, IFlireoCallControl? control)
    {
        Id = id;
        _control = control;
    }

    /// <summary>Gets the Flireo call id, or <see langword="null"/> when the webhook carried none (then every verb throws).</summary>
    public string? Id { get; }

    /// <summary>Adds silent context to the conversation (<c>inject-context</c>), optionally making the assistant answer at once.</summary>
    /// <param name="content">The context the assistant reads.</param>
    /// <param name="triggerResponse"><see langword="true"/> to make the assistant respond to it immediately.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>Whether the platform took the command, or why not.</returns>
    /// <exception cref="InvalidOperationException">The webhook carried no call id.</exception>
    /// <exception cref="FlireoApiException">The platform refused the command for another reason or could not be reached.</exception>
    public ValueTask<CallControlResult> InjectContextAsync(string content, bool triggerResponse = false, CancellationToken cancellationToken = default) =>
        Control().InjectContextAsync(Id!, content, triggerResponse, cancellationToken);

    /// <summary>Makes the assistant say a text (<c>say</c>), optionally hanging up afterwards.</summary>
    /// <param name="content">The text to speak.</param>
    /// <param name="endAfter"><see langword="true"/> to end the call after the text is spoken.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>Whether the platform took the command, or why not.</returns>
    /// <exception cref="InvalidOperationException">The webhook carried no call id.</exception>
    /// <exception cref="FlireoApiException">The platform refused the command for another reason or could not be reached.</exception>
    public ValueTask<CallControlResult> SayAsync(string content, bool endAfter = false, CancellationToken cancellationToken = default) =>
        Control().SayAsync(Id!, content, endAfter, cancellationToken);

    /// <summary>Ends the call (<c>end-call</c>), optionally after a final line.</summary>
    /// <param name="message">A final line the assistant says before hanging up, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>Whether the platform took the command, or why not.</returns>
    /// <exception cref="InvalidOperationException">The webhook carried no call id.</exception>
    /// <exception cref="FlireoApiException">The platform refused the command for another reason or could not be reached.</exception>
    public ValueTask<CallControlResult> EndCallAsync(string? message = null, CancellationToken cancellationToken = default) =>
        Control().EndCallAsync(Id!, message, cancellationToken);

    /// <summary>Transfers the call (<c>transfer</c>) to a phone number or SIP URI, optionally after a line.</summary>
    /// <param name="destination">An E.164 phone number or a SIP URI.</param>
    /// <param name="message">What the assistant says before transferring, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>Whether the platform took the command, or why not.</returns>
    /// <exception cref="InvalidOperationException">The webhook carried no call id.</exception>
    /// <exception cref="FlireoApiException">The platform refused the command for another reason or could not be reached.</exception>
    public ValueTask<CallControlResult> TransferAsync(string destination, string? message = null, CancellationToken cancellationToken = default) =>
        Control().TransferAsync(Id!, destination, message, cancellationToken);

    private IFlireoCallControl Control()
    {
        if (string.IsNullOrEmpty(Id))
        {
            throw new InvalidOperationException("The webhook carried no call id (message.call.id), so there is no live call to act on.");
        }

        return _control ?? throw new InvalidOperationException("No IFlireoCallControl is available: register Flireo.Tools with AddFlireoTools, or set ToolCallContext.CallControl in a unit test.");
    }
}
