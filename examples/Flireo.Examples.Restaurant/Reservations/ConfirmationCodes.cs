using System.Security.Cryptography;

namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Creates and reads the confirmation codes guests quote on the phone, such as <c>ANV-101</c>.</summary>
internal static class ConfirmationCodes
{
    /// <summary>The pattern a tool argument must match: three letters, an optional dash, three digits; any letter case.</summary>
    public const string Pattern = "^[A-Za-z]{3}-?[0-9]{3}$";

    // No I or O: they are easily confused with 1 and 0 when spoken or read back.
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    /// <summary>Brings a code that matches <see cref="Pattern"/> into the canonical form <c>ABC-123</c>.</summary>
    public static string Normalize(string code)
    {
        var upper = code.Trim().ToUpperInvariant();
        return upper.Contains('-', StringComparison.Ordinal) ? upper : string.Concat(upper.AsSpan(0, 3), "-", upper.AsSpan(3));
    }

    /// <summary>Creates a random code in the canonical form.</summary>
    public static string Create()
        => string.Concat(RandomNumberGenerator.GetString(Letters, 3), "-", RandomNumberGenerator.GetString(Digits, 3));
}
