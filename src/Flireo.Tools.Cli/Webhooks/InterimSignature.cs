using System.Security.Cryptography;
using System.Text;

namespace Flireo.Tools.Cli.Webhooks;

/// <summary>Signs webhook bodies until Flireo.Tools.Security.WebhookSignature is on main; replaced by it then.</summary>
internal static class InterimSignature
{
    public const string SignatureHeader = "X-Webhook-Signature";
    public const string TimestampHeader = "X-Webhook-Timestamp";
    public const string EventHeader = "X-Webhook-Event";

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
