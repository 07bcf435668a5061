using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Mcp;

/// <summary>Lets a request through to the MCP endpoint only with <c>Authorization: Bearer &lt;Flireo:Mcp:BearerToken&gt;</c>; 401 otherwise.</summary>
internal sealed class McpBearerCheck
{
    private const int MaxTokenBytes = 4096;
    private const string BearerPrefix = "Bearer ";

    private readonly byte[] _tokenHash;
    private readonly ILogger _logger;

    public McpBearerCheck(string token, ILogger logger)
    {
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        _logger = logger;
    }

    /// <summary>Wraps an endpoint's request delegate so that it runs only for a request with the token.</summary>
    /// <param name="next">The MCP endpoint's own delegate.</param>
    /// <returns>The guarded delegate.</returns>
    public RequestDelegate Guard(RequestDelegate next) => context => IsAuthorized(context.Request) ? next(context) : RejectAsync(context);

    public bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = value.AsSpan(BearerPrefix.Length).Trim();
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

    private Task RejectAsync(HttpContext context)
    {
        McpLog.BearerRejected(_logger, context.Request.Path);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = "Bearer";
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync("{\"error\":\"Missing or invalid bearer token.\"}", context.RequestAborted);
    }
}
