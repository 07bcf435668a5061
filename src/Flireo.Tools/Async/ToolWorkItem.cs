using Flireo.Tools.Invocation;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Async;

/// <summary>Represents an acknowledged async tool call, serialisable so durable queues can store it.</summary>
public sealed record ToolWorkItem
{
    /// <summary>Gets the tool to run.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the tool call id; with <see cref="CallId"/>, <see cref="ToolName"/> and the arguments it identifies the work for de-duplication.</summary>
    public required string ToolCallId { get; init; }

    /// <summary>Gets the Flireo call id, when the webhook had one.</summary>
    public string? CallId { get; init; }

    /// <summary>Gets the tool arguments as JSON text.</summary>
    public required string ArgumentsJson { get; init; }

    /// <summary>Gets the context the tool runs with, as a JSON object: the fields of its <see cref="ToolCallContext"/> and the raw webhook <c>message</c>.</summary>
    /// <remarks>
    /// Written by the framework when it acknowledges a call; a store keeps it as opaque text. The form is
    /// <c>{"callStatus":…,"callType":…,"customerNumber":…,"phoneNumber":{…},"assistantMetadata":{…},"mcpSessionId":…,"mcpRequestId":…,"message":{…}}</c>
    /// with absent fields left out. Items stored by earlier versions hold the raw <c>message</c> object itself (it has a
    /// top-level <c>type</c>) and still run with the same context.
    /// </remarks>
    public required string ContextJson { get; init; }

    /// <summary>Gets the key casing of the webhook.</summary>
    public WebhookCasing Casing { get; init; }

    /// <summary>Gets when the call was acknowledged.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Gets the de-duplication key: call id, tool call id, tool name and a fingerprint of the arguments.</summary>
    /// <remarks>
    /// Length-prefixed, e.g. <c>6:call-1|6:call_0|8:send_sms|</c> followed by the SHA-256 hex of the arguments in canonical
    /// form (whitespace and key order ignored); a missing call id is written <c>-</c>. Two calls share it only when all
    /// four match, so a tool call id used again for another tool or other arguments is a call of its own.
    /// </remarks>
    public string Key => ToolCallKey.Create(CallId, ToolCallId, ToolName, ToolCallKey.Fingerprint(ArgumentsJson));
}
