namespace Flireo.Tools.Security;

/// <summary>Specifies the outcome of checking a webhook signature.</summary>
/// <remarks>Returned by <see cref="WebhookSignature.Verify(string, string?, string?, ReadOnlySpan{byte})"/> and <see cref="WebhookSignatureVerifier.Verify"/>; <see cref="WebhookSignatureVerifier.Describe"/> gives the short reason sent to the caller.</remarks>
public enum SignatureCheck
{
    /// <summary>The signature matches one of the secrets and the timestamp is fresh.</summary>
    Valid,

    /// <summary>The <c>X-Webhook-Signature</c> header is missing or empty.</summary>
    MissingSignature,

    /// <summary>The <c>X-Webhook-Timestamp</c> header is missing or empty.</summary>
    MissingTimestamp,

    /// <summary>The signature is not 64 hex digits, with or without <c>sha256=</c>.</summary>
    MalformedSignature,

    /// <summary>The timestamp is not a plain decimal number of Unix seconds.</summary>
    MalformedTimestamp,

    /// <summary>The timestamp is further from now than the tolerance, in the past or the future.</summary>
    StaleTimestamp,

    /// <summary>The signature matches none of the secrets.</summary>
    Mismatch,
}
