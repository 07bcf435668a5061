using Flireo.Tools.Protocol;

namespace Flireo.Tools;

/// <summary>One tool call as an <see cref="IToolCallFilter"/> sees it.</summary>
public sealed class ToolCallFilterContext
{
    internal ToolCallFilterContext(WebhookMessage message, ToolCallRequest call, ToolDescriptor? tool, CancellationToken cancellationToken)
    {
        Message = message;
        Call = call;
        Tool = tool;
        CancellationToken = cancellationToken;
    }

    /// <summary>Gets the message that carries the call (for MCP, one the MCP endpoint made); it is disposed after the call, so copy what you keep.</summary>
    public WebhookMessage Message { get; }

    /// <summary>Gets the tool call: its id, the tool name the model used and the arguments as sent.</summary>
    public ToolCallRequest Call { get; }

    /// <summary>Gets the tool the call names, or <see langword="null"/> when no tool of the catalog has that name (the router then answers with an error listing the tools).</summary>
    public ToolDescriptor? Tool { get; }

    /// <summary>Gets the token that is cancelled when the caller goes away.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Gets the tool a per-tool URL serves, or <see langword="null"/> for the shared endpoint.</summary>
    internal string? OnlyTool { get; init; }

    /// <summary>Gets the deadline that replaces the sync limit (MCP), or <see langword="null"/> for the webhook's own.</summary>
    internal TimeSpan? Deadline { get; init; }
}
