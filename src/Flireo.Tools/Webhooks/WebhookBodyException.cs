namespace Flireo.Tools.Webhooks;

/// <summary>Reports that a host could not deliver a webhook body: larger than the host's own limit, or malformed or cut short.</summary>
/// <remarks>
/// Throw it from the body stream given to <see cref="FlireoWebhookHandler"/> (for example when translating the host's
/// own body-read error): the handler answers 413 or 400 with a short reason and counts the refusal, instead of logging
/// an unexpected failure.
/// </remarks>
public sealed class WebhookBodyException : IOException
{
    /// <summary>Initializes a new instance of the <see cref="WebhookBodyException"/> class for a body that could not be read.</summary>
    public WebhookBodyException()
        : base("The request body could not be read.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebhookBodyException"/> class for a body that could not be read.</summary>
    /// <param name="message">What went wrong, for logs; never sent to the caller.</param>
    public WebhookBodyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebhookBodyException"/> class for a body that could not be read.</summary>
    /// <param name="message">What went wrong, for logs; never sent to the caller.</param>
    /// <param name="innerException">The host's own exception.</param>
    public WebhookBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebhookBodyException"/> class.</summary>
    /// <param name="message">What went wrong, for logs; never sent to the caller.</param>
    /// <param name="isTooLarge"><see langword="true"/> when the body is over the host's size limit (answered 413), <see langword="false"/> when it is malformed or cut short (answered 400).</param>
    /// <param name="innerException">The host's own exception, or <see langword="null"/>.</param>
    public WebhookBodyException(string message, bool isTooLarge, Exception? innerException)
        : base(message, innerException)
    {
        IsTooLarge = isTooLarge;
    }

    /// <summary>Gets a value indicating whether the body is over the host's size limit rather than malformed.</summary>
    public bool IsTooLarge { get; }
}
