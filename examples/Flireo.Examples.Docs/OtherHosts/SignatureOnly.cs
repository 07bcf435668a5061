using Flireo.Tools.Security;

namespace Flireo.Examples.Docs.OtherHosts;

/// <summary>Checks a webhook's signature without the rest of the pipeline, as docs/other-hosts.md shows.</summary>
public static class SignatureOnly
{
    /// <summary>Checks the signature headers of a webhook against its raw body.</summary>
    /// <param name="secret">The webhook secret.</param>
    /// <param name="timestampHeader">The <c>X-Webhook-Timestamp</c> header.</param>
    /// <param name="signatureHeader">The <c>X-Webhook-Signature</c> header.</param>
    /// <param name="body">The raw body.</param>
    /// <returns>200 and <see langword="null"/>, or 401 and the reason.</returns>
    public static (int Status, string? Reason) Check(string secret, string? timestampHeader, string? signatureHeader, byte[] body)
    {
        #region verify-signature
        var check = WebhookSignature.Verify(secret, timestampHeader, signatureHeader, body);
        if (check != SignatureCheck.Valid)
        {
            return (401, WebhookSignatureVerifier.Describe(check)); // "The signature does not match.", …
        }
        #endregion

        return (200, null);
    }
}
