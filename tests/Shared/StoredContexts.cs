using System.Text;
using System.Threading.Channels;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Tests.Shared;

/// <summary>An async tool that records its <see cref="ToolCallContext"/>, and a webhook that fills every context field.</summary>
internal static class StoredContexts
{
    /// <summary>The raw <c>message</c> of a webhook calling <c>capture_context</c> with every context field set.</summary>
    public const string Message = """
        {"type":"tool-calls","call":{"id":"call-1","type":"inbound_phone_call","status":"in-progress"},
         "customer":{"number":"+31612345678"},
         "phoneNumber":{"id":"pn-1","number":"+31201234567","name":"Front desk"},
         "assistant":{"name":"Host","metadata":{"tenant":"acme","tier":2}},
         "mcp":{"session_id":"session-9","request_id":"41"},
         "toolCallList":[{"id":"t-new","type":"function","function":{"name":"capture_context","arguments":{"text":"hi"}}}]}
        """;

    /// <summary>Parses <see cref="Message"/> as a webhook.</summary>
    public static WebhookMessage Webhook() =>
        WebhookMessage.TryParse(Encoding.UTF8.GetBytes(string.Concat("{\"message\":", Message, "}")), out var message, out var error)
            ? message
            : throw new InvalidOperationException(error);

    /// <summary>Describes the fields a context takes from the webhook, so two contexts compare as text.</summary>
    public static string Describe(ToolCallContext c) => string.Join(
        " | ",
        c.CallId,
        c.CallStatus,
        c.CallType,
        c.CustomerNumber,
        c.PhoneNumber,
        c.AssistantMetadata?.GetRawText(),
        c.Message.GetRawText(),
        c.Casing,
        c.McpSessionId,
        c.McpRequestId);

    /// <summary>Records the contexts <see cref="ContextTools"/> ran with.</summary>
    internal sealed class Probe
    {
        public Channel<ToolCallContext> Contexts { get; } = Channel.CreateUnbounded<ToolCallContext>();
    }

    /// <summary>The async tool <c>capture_context</c>.</summary>
    internal sealed class ContextTools(Probe probe)
    {
        [FlireoTool("capture_context", Async = true)]
        public void CaptureContext(string text, ToolCallContext context) => probe.Contexts.Writer.TryWrite(context);
    }
}
