using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Flireo.Tools.Security;

/// <summary>Checks the HMAC-SHA256 signature and timestamp of a webhook against one or more secrets in constant time.</summary>
/// <remarks>
/// Create one per set of secrets and reuse it: the secrets are encoded once. Every secret is compared without stopping
/// at the first match, so timing does not reveal which one matched; a timestamp further than the tolerance from now,
/// either way, is refused before any hash is computed. <see cref="WebhookSignature.Verify(string, string?, string?, ReadOnlySpan{byte})"/>
/// is the one-call form for a single secret.
/// </remarks>
public sealed class WebhookSignatureVerifier
{
    // Unix seconds need 10 digits until the year 2286; anything much longer is not a timestamp.
    private const int MaxTimestampLength = 12;
    private const int StackKeyLimit = 8;

    private readonly byte[][] _keys;
    private readonly long _toleranceSeconds;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="WebhookSignatureVerifier"/> class.</summary>
    /// <param name="secrets">The accepted secrets; empty and duplicate ones are ignored.</param>
    /// <param name="tolerance">How far the timestamp may be from now, either way.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative.</exception>
    public WebhookSignatureVerifier(IEnumerable<string?> secrets, TimeSpan tolerance, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        _keys = secrets
            .Where(static s => !string.IsNullOrEmpty(s))
            .Distinct(StringComparer.Ordinal)
            .Select(static s => Encoding.UTF8.GetBytes(s!))
            .ToArray();
        _toleranceSeconds = (long)tolerance.TotalSeconds;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets a value indicating whether at least one secret is configured.</summary>
    public bool HasSecrets => _keys.Length > 0;

    /// <summary>Creates a verifier from the webhook secret and the additional secrets of the options.</summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The verifier; check <see cref="HasSecrets"/>.</returns>
    public static WebhookSignatureVerifier Create(FlireoToolsOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new WebhookSignatureVerifier([options.WebhookSecret, .. options.AdditionalWebhookSecrets], options.TimestampTolerance, timeProvider);
    }

    /// <summary>Gets the short reason sent to the caller for a failed check.</summary>
    /// <param name="check">The outcome.</param>
    /// <returns>A short sentence without any request data.</returns>
    public static string Describe(SignatureCheck check) => check switch
    {
        SignatureCheck.Valid => "The signature is valid.",
        SignatureCheck.MissingSignature => "Missing X-Webhook-Signature header.",
        SignatureCheck.MissingTimestamp => "Missing X-Webhook-Timestamp header.",
        SignatureCheck.MalformedSignature => "Malformed X-Webhook-Signature header.",
        SignatureCheck.MalformedTimestamp => "Malformed X-Webhook-Timestamp header.",
        SignatureCheck.StaleTimestamp => "The webhook timestamp is outside the accepted window.",
        SignatureCheck.Mismatch => "The signature does not match.",
        _ => "The signature is invalid.",
    };

    /// <summary>Checks a webhook's signature headers against its raw body.</summary>
    /// <param name="timestamp">The <c>X-Webhook-Timestamp</c> header value.</param>
    /// <param name="signature">The <c>X-Webhook-Signature</c> header value.</param>
    /// <param name="body">The exact bytes of the body.</param>
    /// <returns>The outcome.</returns>
    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var signatureText = signature.AsSpan().Trim();
        if (signatureText.IsEmpty)
        {
            return SignatureCheck.MissingSignature;
        }

        var timestampText = timestamp.AsSpan().Trim();
        if (timestampText.IsEmpty)
        {
            return SignatureCheck.MissingTimestamp;
        }

        if (timestampText.Length > MaxTimestampLength
            || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.MalformedTimestamp;
        }

        if (signatureText.StartsWith(WebhookSignature.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            signatureText = signatureText[WebhookSignature.Prefix.Length..];
        }

        Span<byte> received = stackalloc byte[WebhookSignature.HashSize];
        if (signatureText.Length != WebhookSignature.HashSize * 2
            || Convert.FromHexString(signatureText, received, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != WebhookSignature.HashSize)
        {
            return SignatureCheck.MalformedSignature;
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > _toleranceSeconds)
        {
            return SignatureCheck.StaleTimestamp;
        }

        if (_keys.Length == 0)
        {
            return SignatureCheck.Mismatch;
        }

        var expected = _keys.Length <= StackKeyLimit
            ? stackalloc byte[WebhookSignature.HashSize * StackKeyLimit]
            : new byte[WebhookSignature.HashSize * _keys.Length];
        WebhookSignature.ComputeHashes(_keys, timestampText, body, expected);

        // Compare against every key without stopping early, so timing does not reveal which secret matched.
        var match = false;
        for (var i = 0; i < _keys.Length; i++)
        {
            match |= CryptographicOperations.FixedTimeEquals(received, expected.Slice(i * WebhookSignature.HashSize, WebhookSignature.HashSize));
        }

        return match ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
