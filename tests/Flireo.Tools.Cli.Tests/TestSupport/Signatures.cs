using System.Security.Cryptography;
using System.Text;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>Computes Flireo's webhook signature independently of the code under test.</summary>
internal static class Signatures
{
    public static string Expected(string secret, string timestamp, byte[] body)
        => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));
}
