using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Flireo.Tools.Security;

/// <summary>Provides the header names and the HMAC-SHA256 signature scheme of Flireo webhooks.</summary>
/// <remarks>
/// The signature is <c>HMAC-SHA256(key: secret as UTF-8, message: timestamp + "." + raw body)</c> in lowercase hex,
/// sent as <c>sha256=&lt;hex&gt;</c> in <see cref="SignatureHeader"/>; the timestamp is Unix seconds in <see cref="TimestampHeader"/>.
/// </remarks>
public static class WebhookSignature
{
    /// <summary>The header that carries the signature: <c>X-Webhook-Signature</c>.</summary>
    public const string SignatureHeader = "X-Webhook-Signature";

    /// <summary>The header that carries the Unix timestamp in seconds: <c>X-Webhook-Timestamp</c>.</summary>
    public const string TimestampHeader = "X-Webhook-Timestamp";

    /// <summary>The header that carries the webhook type: <c>X-Webhook-Event</c>.</summary>
    public const string EventHeader = "X-Webhook-Event";

    /// <summary>The prefix of the signature header value: <c>sha256=</c>.</summary>
    public const string Prefix = "sha256=";

    internal const int HashSize = 32;

    /// <summary>Gets how far a webhook timestamp may be from now when no tolerance is given: 5 minutes, the default of <see cref="FlireoToolsOptions.TimestampTolerance"/>.</summary>
    public static TimeSpan DefaultTolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Signs a webhook body the way Flireo does, for test clients and tools that send webhooks.</summary>
    /// <param name="secret">The webhook secret.</param>
    /// <param name="timestamp">The value of the <c>X-Webhook-Timestamp</c> header, Unix seconds as a decimal string.</param>
    /// <param name="body">The exact bytes of the request body.</param>
    /// <returns>The value for the <c>X-Webhook-Signature</c> header: <c>sha256=</c> and 64 lowercase hex digits.</returns>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        Span<byte> hash = stackalloc byte[HashSize];
        ComputeHashes([Encoding.UTF8.GetBytes(secret)], timestamp, body, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    /// <summary>Checks a webhook's signature headers against its raw body with one secret, the system clock and the default tolerance.</summary>
    /// <param name="secret">The webhook secret.</param>
    /// <param name="timestamp">The value of the <c>X-Webhook-Timestamp</c> header, or <see langword="null"/> when it is missing.</param>
    /// <param name="signature">The value of the <c>X-Webhook-Signature</c> header, or <see langword="null"/> when it is missing.</param>
    /// <param name="body">The exact bytes of the request body, before any parsing.</param>
    /// <returns><see cref="SignatureCheck.Valid"/>, or why the webhook must be refused; <see cref="WebhookSignatureVerifier.Describe"/> turns it into a short reason.</returns>
    /// <remarks>
    /// The comparison takes constant time and the timestamp must be within <see cref="DefaultTolerance"/> of now, in
    /// the past or the future. To accept several secrets (rotation) or to check many webhooks, reuse a <see cref="WebhookSignatureVerifier"/>.
    /// </remarks>
    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body)
        => Verify(secret, timestamp, signature, body, DefaultTolerance, TimeProvider.System);

    /// <summary>Checks a webhook's signature headers against its raw body with one secret, a given clock and tolerance.</summary>
    /// <param name="secret">The webhook secret.</param>
    /// <param name="timestamp">The value of the <c>X-Webhook-Timestamp</c> header, or <see langword="null"/> when it is missing.</param>
    /// <param name="signature">The value of the <c>X-Webhook-Signature</c> header, or <see langword="null"/> when it is missing.</param>
    /// <param name="body">The exact bytes of the request body, before any parsing.</param>
    /// <param name="tolerance">How far the timestamp may be from now, either way.</param>
    /// <param name="timeProvider">The clock that says what now is.</param>
    /// <returns><see cref="SignatureCheck.Valid"/>, or why the webhook must be refused.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty.</exception>
    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, TimeSpan tolerance, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return new WebhookSignatureVerifier([secret], tolerance, timeProvider).Verify(timestamp, signature, body);
    }

    /// <summary>Computes HMAC-SHA256 over <c>timestamp + "." + body</c> with each key, without allocating on the managed heap.</summary>
    /// <param name="keys">The secrets as UTF-8 bytes.</param>
    /// <param name="timestamp">The timestamp header value.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="destination">Receives one 32-byte hash per key, one after the other.</param>
    internal static void ComputeHashes(ReadOnlySpan<byte[]> keys, ReadOnlySpan<char> timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefixLength = Encoding.UTF8.GetByteCount(timestamp) + 1;
        var length = prefixLength + body.Length;
        byte[]? rented = null;
        var message = length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(timestamp, message);
            message[written] = (byte)'.';
            body.CopyTo(message[prefixLength..]);
            for (var i = 0; i < keys.Length; i++)
            {
                HMACSHA256.HashData(keys[i], message[..length], destination.Slice(i * HashSize, HashSize));
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
