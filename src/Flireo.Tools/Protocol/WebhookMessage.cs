using System.Text.Json;

namespace Flireo.Tools.Protocol;

/// <summary>Represents the <c>message</c> of a Flireo webhook, read from either key casing.</summary>
/// <remarks>
/// A message owns the parsed JSON document: dispose it when the webhook has been answered. Elements handed out
/// (<see cref="Root"/>, <see cref="Assistant"/>, tool call arguments) are only valid until then; clone them to keep them.
/// </remarks>
public sealed class WebhookMessage : IDisposable
{
    private readonly JsonDocument? _document;

    internal WebhookMessage(JsonDocument? document, JsonElement root, string type, WebhookCasing casing)
    {
        _document = document;
        Root = root;
        Type = type;
        Casing = casing;
    }

    /// <summary>Gets the webhook type, for example <c>tool-calls</c> (see <see cref="WebhookTypes"/>).</summary>
    public string Type { get; }

    /// <summary>Gets the key casing the webhook used; answers mirror it.</summary>
    public WebhookCasing Casing { get; }

    /// <summary>Gets the raw <c>message</c> object.</summary>
    public JsonElement Root { get; }

    /// <summary>Gets the ISO-8601 <c>message.timestamp</c>, when present.</summary>
    public string? Timestamp { get; internal init; }

    /// <summary>Gets the call id (<c>message.call.id</c>).</summary>
    public string? CallId { get; internal init; }

    /// <summary>Gets the call type, for example <c>inbound_phone_call</c>.</summary>
    public string? CallType { get; internal init; }

    /// <summary>Gets the call status, for example <c>in-progress</c>.</summary>
    public string? CallStatus { get; internal init; }

    /// <summary>Gets the caller's E.164 number (<c>message.customer.number</c>), or <see langword="null"/> on web calls.</summary>
    public string? CustomerNumber { get; internal init; }

    /// <summary>Gets the Flireo phone number of the call, when present.</summary>
    public PhoneNumberInfo? PhoneNumber { get; internal init; }

    /// <summary>Gets the resolved assistant configuration (<c>message.assistant</c>), sent by newer platform versions.</summary>
    public JsonElement? Assistant { get; internal init; }

    /// <summary>Gets the custom assistant metadata (<c>message.assistant.metadata</c>), when present.</summary>
    public JsonElement? AssistantMetadata { get; internal init; }

    /// <summary>Gets the MCP session id (<c>message.mcp.session_id</c>) of a tool call that came over MCP.</summary>
    internal string? McpSessionId { get; init; }

    /// <summary>Gets the JSON-RPC request id (<c>message.mcp.request_id</c>) of a tool call that came over MCP.</summary>
    internal string? McpRequestId { get; init; }

    /// <summary>Gets the tool calls of a tool-calls webhook, in request order; empty for other types.</summary>
    public IReadOnlyList<ToolCallRequest> ToolCalls { get; internal init; } = [];

    /// <summary>Reads a webhook body (<c>{"message":{…}}</c>) into a message, or explains why it cannot.</summary>
    /// <param name="utf8Json">The raw body. It must stay unchanged until the returned message is disposed.</param>
    /// <param name="message">The parsed message when the body is valid.</param>
    /// <param name="error">A short reason when the body is not a valid webhook.</param>
    /// <param name="maxDepth">The deepest JSON nesting accepted.</param>
    /// <returns><see langword="true"/> when the body is a valid webhook.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> utf8Json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WebhookMessage? message, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error, int maxDepth = 64)
        => WebhookParser.TryParse(utf8Json, maxDepth, out message, out error);

    /// <summary>Releases the parsed JSON document.</summary>
    public void Dispose() => _document?.Dispose();
}
