using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Flireo.Tools.Benchmarks.Support;

/// <summary>Holds copies of the shared <c>body.json</c>, each with its own tool call id, signed like a Flireo webhook.</summary>
/// <remarks>
/// Distinct ids keep the router's idempotency cache honest: every call is a new one, as in production, instead of a
/// replay answered from the cache. The count exceeds the cache's default capacity (10,000), so the cache evicts as it would.
/// </remarks>
internal sealed class SignedBodies
{
    public const string Secret = "bench-secret";
    public const int DefaultCount = 16_384;
    private const string SharedToolCallId = "tool_abc123def456";

    private SignedBodies(byte[][] bodies, string[] signatures, string timestamp)
    {
        Bodies = bodies;
        Signatures = signatures;
        Timestamp = timestamp;
    }

    public static byte[] SharedBody { get; } = LoadSharedBody();

    public static byte[] SecretBytes { get; } = Encoding.UTF8.GetBytes(Secret);

    public byte[][] Bodies { get; }

    public string[] Signatures { get; }

    public string Timestamp { get; }

    public int Mask => Bodies.Length - 1;

    /// <summary>Creates <paramref name="count"/> variants (a power of two) signed with a fresh timestamp.</summary>
    public static SignedBodies Create(int count = DefaultCount, string? toolName = null, string? arguments = null)
    {
        if (count <= 0 || (count & (count - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be a power of two.");
        }

        var text = Encoding.UTF8.GetString(SharedBody);
        if (toolName is not null)
        {
            text = text.Replace("\"lookup_contact\"", $"\"{toolName}\"", StringComparison.Ordinal);
        }

        if (arguments is not null)
        {
            text = text.Replace("{\"query\":\"Jan de Vries\"}", arguments, StringComparison.Ordinal);
        }

        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bodies = new byte[count][];
        var signatures = new string[count];
        for (var i = 0; i < count; i++)
        {
            // Same length as the shared id, so every variant has the shared body's size.
            var id = "tool_" + i.ToString("x12", CultureInfo.InvariantCulture);
            bodies[i] = Encoding.UTF8.GetBytes(text.Replace(SharedToolCallId, id, StringComparison.Ordinal));
            signatures[i] = Sign(timestamp, bodies[i]);
        }

        return new SignedBodies(bodies, signatures, timestamp);
    }

    /// <summary>Computes the lower-case hex HMAC-SHA256 of <c>timestamp + "." + body</c>.</summary>
    public static string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        var payload = new byte[Encoding.UTF8.GetByteCount(timestamp) + 1 + body.Length];
        var n = Encoding.UTF8.GetBytes(timestamp, payload);
        payload[n] = (byte)'.';
        body.CopyTo(payload.AsSpan(n + 1));
        return Convert.ToHexStringLower(HMACSHA256.HashData(SecretBytes, payload));
    }

    private static byte[] LoadSharedBody()
    {
        using var stream = typeof(SignedBodies).Assembly.GetManifestResourceStream("body.json")
            ?? throw new InvalidOperationException("The embedded body.json is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
