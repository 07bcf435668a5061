namespace Flireo.Tools.Protocol;

/// <summary>Provides the <c>message.type</c> values of the four Flireo webhooks.</summary>
public static class WebhookTypes
{
    /// <summary>The model called one or more tools.</summary>
    public const string ToolCalls = "tool-calls";

    /// <summary>An inbound call asks which assistant configuration to use.</summary>
    public const string AssistantRequest = "assistant-request";

    /// <summary>The call status changed.</summary>
    public const string StatusUpdate = "status-update";

    /// <summary>The call ended and its summary and analysis are ready.</summary>
    public const string EndOfCallReport = "end-of-call-report";
}
