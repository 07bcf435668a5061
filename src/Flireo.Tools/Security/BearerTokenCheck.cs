using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Flireo.Tools.Security;

/// <summary>Checks an <c>Authorization: Bearer &lt;token&gt;</c> header against a configured token in constant time.</summary>
/// <remarks>Used by the webhook handler (<c>Flireo:BearerToken</c>) and the MCP endpoint (<c>Flireo:Mcp:BearerToken</c>); a host of its own can use it for any bearer-protected route.</remarks>
public sealed class BearerTokenCheck
{
    private const int MaxTokenBytes = 4096;
    private const string Prefix = "Bearer ";

    private readonly byte[] _tokenHash;

    /// <summary>Initializes a new instance of the <see cref="BearerTokenCheck"/> class.</summary>
    /// <param name="token">The token a request must carry.</param>
    public BearerTokenCheck(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Creates a check for <paramref name="token"/>, or returns <see langword="null"/> when no token is configured.</summary>
    /// <param name="token">The configured token, if any.</param>
    /// <returns>The check, or <see langword="null"/>.</returns>
    public static BearerTokenCheck? For(string? token) => string.IsNullOrEmpty(token) ? null : new BearerTokenCheck(token);

    /// <summary>Tells whether the <c>Authorization</c> header values carry exactly one bearer token equal to the configured one.</summary>
    /// <param name="authorization">The values of the request's <c>Authorization</c> header.</param>
    /// <returns><see langword="true"/> when the token matches.</returns>
    public bool IsAuthorized(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } value || !value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = value.AsSpan(Prefix.Length).Trim();
        var byteCount = Encoding.UTF8.GetByteCount(token);
        if (byteCount == 0 || byteCount > MaxTokenBytes)
        {
            return false;
        }

        // Hashing both sides first makes the comparison constant-time regardless of the token lengths.
        Span<byte> bytes = stackalloc byte[byteCount];
        Encoding.UTF8.GetBytes(token, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return CryptographicOperations.FixedTimeEquals(hash, _tokenHash);
    }
}
