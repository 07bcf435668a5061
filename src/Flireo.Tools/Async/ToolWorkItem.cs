using Flireo.Tools.Protocol;

namespace Flireo.Tools.Async;

/// <summary>Represents an acknowledged async tool call, serialisable so durable queues can store it.</summary>
public sealed record ToolWorkItem
{
    /// <summary>Gets the tool to run.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the tool call id; with <see cref="CallId"/> it identifies the work for de-duplication.</summary>
    public required string ToolCallId { get; init; }

    /// <summary>Gets the Flireo call id, when the webhook had one.</summary>
    public string? CallId { get; init; }

    /// <summary>Gets the tool arguments as JSON text.</summary>
    public required string ArgumentsJson { get; init; }

    /// <summary>Gets the webhook <c>message</c> object as JSON text, for the tool's <see cref="ToolCallContext"/>.</summary>
    public required string MessageJson { get; init; }

    /// <summary>Gets the key casing of the webhook.</summary>
    public WebhookCasing Casing { get; init; }

    /// <summary>Gets when the call was acknowledged.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Gets the de-duplication key: call id and tool call id.</summary>
    public string Key => CallId is null ? ToolCallId : string.Concat(CallId, "/", ToolCallId);
}
