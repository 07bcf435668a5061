using Flireo.Tools.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Mcp;

/// <summary>Lets a request through to the MCP endpoint only with <c>Authorization: Bearer &lt;Flireo:Mcp:BearerToken&gt;</c>; 401 otherwise.</summary>
internal sealed class McpBearerCheck
{
    private readonly BearerTokenCheck _token;
    private readonly ILogger _logger;

    public McpBearerCheck(string token, ILogger logger)
    {
        _token = new BearerTokenCheck(token);
        _logger = logger;
    }

    /// <summary>Wraps an endpoint's request delegate so that it runs only for a request with the token.</summary>
    /// <param name="next">The MCP endpoint's own delegate.</param>
    /// <returns>The guarded delegate.</returns>
    public RequestDelegate Guard(RequestDelegate next) => context => IsAuthorized(context.Request) ? next(context) : RejectAsync(context);

    public bool IsAuthorized(HttpRequest request) => _token.IsAuthorized(request.Headers.Authorization);

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
