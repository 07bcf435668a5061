using System.Text.Json;
using Flireo.Tools.Protocol;

namespace Flireo.Tools;

/// <summary>Describes the tool call being executed and the phone call it belongs to; inject it as a tool parameter.</summary>
public sealed class ToolCallContext
{
    /// <summary>Gets the tool call id the answer echoes.</summary>
    public required string ToolCallId { get; init; }

    /// <summary>Gets the name of the tool that was called.</summary>
    public required string ToolName { get; init; }

    /// <summary>Gets the Flireo call id (<c>message.call.id</c>), for example to use the call-control API.</summary>
    public string? CallId { get; init; }

    /// <summary>Gets the call status when the tool was called, usually <c>in-progress</c>.</summary>
    public string? CallStatus { get; init; }

    /// <summary>Gets the call type, for example <c>inbound_phone_call</c> or <c>web_call</c>.</summary>
    public string? CallType { get; init; }

    /// <summary>Gets the caller's E.164 number, or <see langword="null"/> on web calls.</summary>
    public string? CustomerNumber { get; init; }

    /// <summary>Gets the Flireo phone number of the call, when present.</summary>
    public PhoneNumberInfo? PhoneNumber { get; init; }

    /// <summary>Gets the custom assistant metadata (<c>message.assistant.metadata</c>), when the platform sends it.</summary>
    public JsonElement? AssistantMetadata { get; init; }

    /// <summary>Gets the raw webhook <c>message</c> object.</summary>
    public JsonElement Message { get; init; }

    /// <summary>Gets the key casing of the webhook.</summary>
    public WebhookCasing Casing { get; init; }

    /// <summary>Gets the 1-based attempt number: above 1 when an async tool is retried.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Gets a value indicating whether the tool runs in the background after the webhook was acknowledged.</summary>
    public bool IsBackground { get; init; }

    internal static ToolCallContext Create(WebhookMessage message, ToolCallRequest call, int attempt = 1, bool background = false) => new()
    {
        ToolCallId = call.Id,
        ToolName = call.Name,
        CallId = message.CallId,
        CallStatus = message.CallStatus,
        CallType = message.CallType,
        CustomerNumber = message.CustomerNumber,
        PhoneNumber = message.PhoneNumber,
        AssistantMetadata = background ? message.AssistantMetadata?.Clone() : message.AssistantMetadata,
        Message = background ? message.Root.Clone() : message.Root,
        Casing = message.Casing,
        Attempt = attempt,
        IsBackground = background,
    };
}
