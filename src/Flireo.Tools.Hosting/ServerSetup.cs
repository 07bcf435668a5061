using Flireo.Tools.Loading;

namespace Flireo.Tools.Hosting;

/// <summary>Holds what <c>AddFlireoToolServer</c> decided, for <c>MapFlireoToolServer</c> and the health checks.</summary>
internal sealed record ServerSetup(
    FlireoToolServerOptions Options,
    ServerOptions Server,
    FlireoToolsOptions Flireo,
    string WebhookPath,
    bool McpEnabled,
    bool DashboardEnabled,
    string? Secret,
    bool SecretWasGenerated,
    IReadOnlyList<ToolPlugin> Plugins,
    ServerQueueSetup Queue,
    string? OtlpEndpoint)
{
    /// <summary>The route of the MCP endpoint, mapped when <c>Flireo:Mcp:Enabled</c> is true.</summary>
    public const string McpPath = "/mcp";

    /// <summary>The route of the dashboard, mapped when <c>Flireo:Dashboard:Enabled</c> is true (default: in Development).</summary>
    public const string DashboardPath = "/flireo/dashboard";

    /// <summary>The tag of the checks <c>/readyz</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The tag of the checks <c>/healthz</c> (liveness) runs: only what means the process should be restarted.</summary>
    public const string LiveTag = "live";
}
