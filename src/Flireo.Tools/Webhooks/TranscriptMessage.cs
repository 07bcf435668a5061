namespace Flireo.Tools.Webhooks;

/// <summary>Represents one message of a call transcript.</summary>
/// <param name="Role">The speaker: <c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The text; non-text content is kept as raw JSON.</param>
public sealed record TranscriptMessage(string Role, string? Content);
