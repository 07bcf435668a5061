using System.Diagnostics.CodeAnalysis;
using Flireo.Tools;
using Flireo.Tools.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the MCP endpoint that serves the Flireo tools.</summary>
public static class FlireoMcpEndpointRouteBuilderExtensions
{
    /// <summary>Maps the MCP Streamable HTTP endpoint that lists and calls every catalog tool; requires <c>AddFlireoTools().AddMcp()</c>.</summary>
    /// <param name="endpoints">The endpoint route builder, usually the <see cref="WebApplication"/>.</param>
    /// <param name="pattern">The route pattern; <c>/mcp</c> by default.</param>
    /// <returns>A builder for the MCP endpoints, to chain conventions such as <c>RequireRateLimiting</c>.</returns>
    /// <remarks>
    /// Every request must carry <c>Authorization: Bearer &lt;Flireo:Mcp:BearerToken&gt;</c> (compared in constant time) and
    /// is answered 401 otherwise. Without a token the app refuses to start, unless the environment is Development (a
    /// loud warning is logged and anyone may call the tools). The tool list is built here, so a tool whose schema cannot
    /// be an MCP input schema stops the app at startup.
    /// </remarks>
    /// <exception cref="InvalidOperationException"><c>AddMcp</c> was not called, or no bearer token is configured outside Development.</exception>
    public static IEndpointConventionBuilder MapFlireoMcp(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/mcp")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var services = endpoints.ServiceProvider;
        var handler = services.GetService<McpToolHandler>() ?? throw new InvalidOperationException(
            "MapFlireoMcp needs the Flireo.Tools MCP services, but they are not registered. "
            + "Call builder.Services.AddFlireoTools().AddMcp() (for example .AddFlireoTools().AddToolsFromAssemblyOf<MyTools>().AddMcp()) before building the app.");
        var options = services.GetRequiredService<IOptions<FlireoMcpOptions>>().Value;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Flireo.Tools.Mcp") ?? NullLogger.Instance;

        McpBearerCheck? check = null;
        if (!string.IsNullOrEmpty(options.BearerToken))
        {
            check = new McpBearerCheck(options.BearerToken, logger);
        }
        else if (services.GetService<IHostEnvironment>()?.IsDevelopment() == true)
        {
            McpLog.OpenInDevelopment(logger, pattern);
        }
        else
        {
            throw new InvalidOperationException(
                "No MCP bearer token is configured, so anyone could call the tools on " + pattern + ". "
                + "Set Flireo:Mcp:BearerToken (environment variable Flireo__Mcp__BearerToken) to a long random value, "
                + "and send it as 'Authorization: Bearer <token>' in the headers of the MCP server registered on Flireo. "
                + "Only the Development environment starts without one.");
        }

        // Built now: a schema that cannot be an MCP input schema stops the app here, not at the first tools/list.
        McpLog.Serving(logger, handler.Tools.Count, pattern);
        var mcp = endpoints.MapMcp(pattern);
        if (check is not null)
        {
            // Wraps the delegate of every MCP endpoint (POST, and GET and DELETE for sessions), whatever its kind.
            mcp.Add(endpoint =>
            {
                if (endpoint.RequestDelegate is { } next)
                {
                    endpoint.RequestDelegate = check.Guard(next);
                }
            });
        }

        return mcp;
    }
}
