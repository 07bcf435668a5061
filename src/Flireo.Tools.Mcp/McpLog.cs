using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Mcp;

/// <summary>Defines the log messages of the MCP endpoint; event ids 6000–6099.</summary>
internal static partial class McpLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "Rejected an MCP request on {Path}: missing or invalid bearer token.")]
    public static partial void BearerRejected(ILogger logger, PathString path);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "!!! NO MCP BEARER TOKEN IS CONFIGURED: {Pattern} LETS ANYONE CALL THE TOOLS. This is allowed only because the environment is Development. Set Flireo:Mcp:BearerToken (env Flireo__Mcp__BearerToken) before deploying.")]
    public static partial void OpenInDevelopment(ILogger logger, string pattern);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Serving {ToolCount} tools over MCP on {Pattern}.")]
    public static partial void Serving(ILogger logger, int toolCount, string pattern);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "The MCP call {RequestId} to {ToolName} could not be turned into a tool call: {Reason}")]
    public static partial void CallUnreadable(ILogger logger, string? requestId, string toolName, string reason);
}
