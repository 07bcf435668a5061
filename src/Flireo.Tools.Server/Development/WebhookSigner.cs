using System.Security.Cryptography;
using System.Text;

namespace Flireo.Tools.Server.Development;

/// <summary>Signs sample webhooks the way Flireo does: HMAC-SHA256 over <c>timestamp + "." + body</c>, lowercase hex with <c>sha256=</c>.</summary>
internal static class WebhookSigner
{
    public static string Sign(string secret, string timestamp, string body)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return "sha256=" + Convert.ToHexStringLower(hash);
    }
}
