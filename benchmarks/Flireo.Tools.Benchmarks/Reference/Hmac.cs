// Copied from ../shared/bench/kestrel-baseline/Program.cs: the reference's signature check.
using System.Security.Cryptography;
using System.Text;

namespace Flireo.Tools.Benchmarks.Reference;

internal static class Hmac
{
    public static bool Verify(byte[] key, string timestamp, string signatureHex, ReadOnlySpan<byte> body)
    {
        if (timestamp.Length == 0 || timestamp.Length > 64 || signatureHex.Length != 64)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signatureHex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        using var h = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> ts = stackalloc byte[128];
        var n = Encoding.UTF8.GetBytes(timestamp, ts);
        h.AppendData(ts[..n]);
        h.AppendData("."u8);
        h.AppendData(body);
        h.GetHashAndReset(expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
