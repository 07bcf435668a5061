using System.Globalization;
using System.Text.Json;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Webhooks;

/// <summary>Builds the typed webhook models from a parsed message, reading both key casings and copying what it keeps.</summary>
/// <remarks>Optional fields of the wrong type are read as absent: these webhooks are informational and never rejected for them.</remarks>
internal static class WebhookEventReader
{
    public static AssistantRequest ReadAssistantRequest(WebhookMessage message)
    {
        var root = message.Root.Clone();
        return new AssistantRequest
        {
            Casing = message.Casing,
            Timestamp = ParseDate(message.Timestamp),
            Call = ReadCall(message),
            Assistant = GetObject(root, "assistant", "assistant"),
            AssistantMetadata = GetMetadata(root),
            Message = root,
        };
    }

    public static StatusUpdate ReadStatusUpdate(WebhookMessage message)
    {
        var root = message.Root.Clone();
        return new StatusUpdate
        {
            Casing = message.Casing,
            Timestamp = ParseDate(message.Timestamp),
            Call = ReadCall(message),
            Assistant = GetObject(root, "assistant", "assistant"),
            AssistantMetadata = GetMetadata(root),
            Message = root,
            Status = message.CallStatus ?? GetString(root, "status", "status"),
            Error = GetString(root, "error", "error"),
            EndReason = GetString(root, "end_reason", "endReason"),
        };
    }

    public static EndOfCallReport ReadEndOfCallReport(WebhookMessage message)
    {
        var root = message.Root.Clone();
        return new EndOfCallReport
        {
            Casing = message.Casing,
            Timestamp = ParseDate(message.Timestamp),
            Call = ReadCall(message),
            Assistant = GetObject(root, "assistant", "assistant"),
            AssistantMetadata = GetMetadata(root),
            Message = root,
            DurationSeconds = TryGet(root, "duration_seconds", "durationSeconds", out var duration) && duration.ValueKind == JsonValueKind.Number && duration.TryGetDouble(out var seconds) ? seconds : null,
            Summary = GetString(root, "summary", "summary"),
            Analysis = TryGet(root, "analysis", "analysis", out var analysis) && analysis.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? analysis : null,
            Messages = ReadTranscript(root),
            RecordingUrl = GetString(root, "recording_url", "recordingUrl"),
            EndReason = GetString(root, "end_reason", "endReason"),
            StartedAt = ParseDate(GetString(root, "started_at", "startedAt")),
            EndedAt = ParseDate(GetString(root, "ended_at", "endedAt")),
        };
    }

    private static CallInfo ReadCall(WebhookMessage message) => new()
    {
        Id = message.CallId,
        Type = message.CallType,
        Status = message.CallStatus,
        CustomerNumber = message.CustomerNumber,
        PhoneNumber = message.PhoneNumber,
    };

    private static TranscriptMessage[] ReadTranscript(JsonElement root)
    {
        if (!TryGet(root, "messages", "messages", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var messages = new List<TranscriptMessage>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var role = GetString(item, "role", "role") ?? string.Empty;
            string? content = null;
            if (item.TryGetProperty("content"u8, out var contentElement))
            {
                content = contentElement.ValueKind switch
                {
                    JsonValueKind.String => contentElement.GetString(),
                    JsonValueKind.Null => null,
                    _ => contentElement.GetRawText(),
                };
            }

            messages.Add(new TranscriptMessage(role, content));
        }

        return [.. messages];
    }

    private static JsonElement? GetMetadata(JsonElement root)
        => GetObject(root, "assistant", "assistant") is { } assistant && assistant.TryGetProperty("metadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object
            ? metadata
            : null;

    private static JsonElement? GetObject(JsonElement parent, string snake, string camel)
        => TryGet(parent, snake, camel, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? GetString(JsonElement parent, string snake, string camel)
        => TryGet(parent, snake, camel, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryGet(JsonElement parent, string snake, string camel, out JsonElement value)
        => parent.TryGetProperty(snake, out value) || (!string.Equals(snake, camel, StringComparison.Ordinal) && parent.TryGetProperty(camel, out value));

    private static DateTimeOffset? ParseDate(string? text)
        => text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
}
