using System.Text.Json;
using Flireo.Tools.Protocol;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Testing;

/// <summary>Holds the fields every webhook carries.</summary>
/// <param name="Type">The webhook type, such as <c>tool-calls</c>.</param>
/// <param name="Casing">The key casing.</param>
/// <param name="Timestamp">The <c>message.timestamp</c>.</param>
/// <param name="Call">The call.</param>
/// <param name="DefaultStatus">The call status written when <see cref="CallInfo.Status"/> is <see langword="null"/>.</param>
/// <param name="Assistant">The whole <c>message.assistant</c> object, or <see langword="null"/>.</param>
/// <param name="AssistantMetadata">The <c>message.assistant.metadata</c> object when <paramref name="Assistant"/> is not given, or <see langword="null"/>.</param>
internal sealed record WebhookEnvelope(string Type, WebhookCasing Casing, DateTimeOffset Timestamp, CallInfo Call, string DefaultStatus, JsonElement? Assistant, JsonElement? AssistantMetadata);
