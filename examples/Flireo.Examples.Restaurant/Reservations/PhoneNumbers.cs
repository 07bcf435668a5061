namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Normalises phone numbers so that <c>+31 6 1234 5678</c> and <c>0031612345678</c> find the same guest.</summary>
internal static class PhoneNumbers
{
    public static string Normalize(string phone)
    {
        Span<char> buffer = stackalloc char[phone.Length];
        var length = 0;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && length == 0))
            {
                buffer[length++] = c;
            }
        }

        var normalized = new string(buffer[..length]);
        return normalized.StartsWith("00", StringComparison.Ordinal) ? string.Concat("+", normalized.AsSpan(2)) : normalized;
    }
}
