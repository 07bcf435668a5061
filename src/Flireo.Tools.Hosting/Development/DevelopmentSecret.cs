using System.Security.Cryptography;

namespace Flireo.Tools.Hosting.Development;

/// <summary>Creates the webhook secret used in Development when none is configured.</summary>
internal static class DevelopmentSecret
{
    /// <summary>Returns a new random secret: <c>dev_</c> and 32 lowercase hex digits.</summary>
    public static string Create() => "dev_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
