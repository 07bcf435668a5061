namespace Flireo.Tools.Mcp;

/// <summary>Configures the MCP endpoint of <c>MapFlireoMcp</c>; bound from the <c>Flireo:Mcp</c> configuration section.</summary>
public sealed class FlireoMcpOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Flireo:Mcp";

    /// <summary>The longest time limit of a tool called over MCP: Flireo waits at most 60 seconds for an MCP server.</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the token every MCP request must carry as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    /// <remarks>
    /// Required outside Development: without it the app refuses to start. In Development a missing token lets anyone
    /// call the tools (a warning is logged). Put the same value in the headers of the MCP server registered on Flireo;
    /// keep it out of source control (<c>Flireo__Mcp__BearerToken</c> or a secret store). Compared in constant time.
    /// </remarks>
    public string? BearerToken { get; set; }

    /// <summary>Gets or sets the time limit of a tool called over MCP that sets no <c>TimeoutSeconds</c> of its own. Default 30 seconds.</summary>
    /// <remarks>At most 60 seconds; a tool's own <c>TimeoutSeconds</c> wins but is also held to 60 seconds.</remarks>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets a value indicating whether no MCP session is kept between requests, for replicas behind a load balancer without session affinity.</summary>
    /// <remarks>
    /// Default <see langword="false"/>: clients that open a session with <c>initialize</c> get one (and
    /// <see cref="ToolCallContext.McpSessionId"/>), clients of the <c>2026-07-28</c> protocol revision and later are
    /// served per request. <see langword="true"/> serves every request on its own; no tool sees a session id.
    /// </remarks>
    public bool Stateless { get; set; }
}
