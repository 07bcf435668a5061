namespace Flireo.Tools.Webhooks;

/// <summary>Represents an <c>assistant-request</c> webhook: an inbound call asks which assistant configuration to use.</summary>
/// <remarks>The call status is normally <c>ringing</c>; the answer must arrive within Flireo's 5-second limit.</remarks>
public sealed class AssistantRequest : WebhookEvent
{
}
