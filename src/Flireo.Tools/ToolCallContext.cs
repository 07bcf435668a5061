using System.Text.Json;
using Flireo.Tools.Platform;
using Flireo.Tools.Protocol;

namespace Flireo.Tools;

/// <summary>Describes the tool call being executed and the phone call it belongs to; inject it as a tool parameter.</summary>
public sealed class ToolCallContext
{
    private LiveCall? _call;

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

    /// <summary>Gets the MCP session id when the tool was called over MCP by a client with a session; otherwise <see langword="null"/>.</summary>
    /// <remarks>Clients of the <c>2026-07-28</c> protocol revision and later have no sessions, nor has a server set to stateless.</remarks>
    public string? McpSessionId { get; init; }

    /// <summary>Gets the JSON-RPC id of the <c>tools/call</c> request when the tool was called over MCP; otherwise <see langword="null"/>.</summary>
    /// <remarks>Unique within one MCP session only; <see cref="ToolCallId"/> is unique across sessions.</remarks>
    public string? McpRequestId { get; init; }

    /// <summary>Gets the 1-based attempt number: above 1 when an async tool is retried.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Gets a value indicating whether the tool runs in the background after the webhook was acknowledged.</summary>
    public bool IsBackground { get; init; }

    /// <summary>Gets the live call this tool call belongs to: speak into it, inject context, transfer or end it.</summary>
    /// <remarks>
    /// <c>context.Call.SayAsync("Your table is booked")</c> sends a Call Control command for <see cref="CallId"/> through
    /// <see cref="IFlireoCallControl"/>; it needs <c>Flireo:Api:Key</c>. A call that has ended answers
    /// <see cref="CallControlStatus.CallNotActive"/>.
    /// </remarks>
    public LiveCall Call => _call ??= new LiveCall(CallId, CallControl ?? Services?.GetService(typeof(IFlireoCallControl)) as IFlireoCallControl);

    /// <summary>Gets the call-control client <see cref="Call"/> uses; <see langword="null"/> to use the app's registered one.</summary>
    /// <remarks>The framework leaves it unset and uses the app's services; set it when building a context in a unit test.</remarks>
    public IFlireoCallControl? CallControl { get; init; }

    /// <summary>Gets or sets the services of the tool call's scope; set by the executor before the tool runs.</summary>
    internal IServiceProvider? Services { get; set; }

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
        McpSessionId = message.McpSessionId,
        McpRequestId = message.McpRequestId,
        Attempt = attempt,
        IsBackground = background,
    };
}
