using System.Text.Json;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Webhooks;

/// <summary>Represents the fields every Flireo webhook carries; the base of the typed webhook models.</summary>
/// <remarks>
/// The JSON elements are copies that stay valid after the webhook has been answered, so a handler running in the
/// background may keep them.
/// </remarks>
public abstract class WebhookEvent
{
    private protected WebhookEvent()
    {
    }

    /// <summary>Gets the key casing the webhook used.</summary>
    public WebhookCasing Casing { get; init; }

    /// <summary>Gets the moment the platform sent the webhook (<c>message.timestamp</c>), when present and valid.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Gets the call the webhook belongs to.</summary>
    public CallInfo Call { get; init; } = new();

    /// <summary>Gets the resolved assistant configuration (<c>message.assistant</c>), sent by newer platform versions.</summary>
    public JsonElement? Assistant { get; init; }

    /// <summary>Gets the custom assistant metadata (<c>message.assistant.metadata</c>), when present.</summary>
    public JsonElement? AssistantMetadata { get; init; }

    /// <summary>Gets the whole <c>message</c> object, for fields the typed model does not expose.</summary>
    public JsonElement Message { get; init; }
}
