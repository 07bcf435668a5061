using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Testing;

/// <summary>Represents the answer to an assistant-request webhook: the HTTP status and the assistant configuration chosen.</summary>
public sealed class AssistantRequestAnswer : WebhookAnswer
{
    internal AssistantRequestAnswer(HttpStatusCode statusCode, string body)
        : base(statusCode, body)
    {
        Response = IsSuccessStatusCode && Json is { ValueKind: JsonValueKind.Object } json ? Read(json) : null;
    }

    /// <summary>Gets the answer read back into an <see cref="AssistantResponse"/>, from either key casing; <see langword="null"/> when the webhook was rejected or the body is not an object.</summary>
    /// <remarks>
    /// <c>{}</c> reads as <see cref="AssistantResponse.Default"/>; otherwise <see cref="AssistantResponse.Error"/>,
    /// <see cref="AssistantResponse.Assistant"/>, <see cref="AssistantResponse.AssistantId"/>,
    /// <see cref="AssistantResponse.AssistantOverride"/> and <see cref="AssistantResponse.MaxDuration"/> hold what the body says.
    /// </remarks>
    public AssistantResponse? Response { get; }

    private static AssistantResponse Read(JsonElement json)
    {
        var error = GetString(json, "error", "error");
        var assistantId = GetString(json, "assistant_id", "assistantId");
        var assistant = GetObject(json, "assistant", "assistant");
        var assistantOverride = GetObject(json, "assistant_override", "assistantOverride");

        AssistantResponse response;
        if (!string.IsNullOrWhiteSpace(error))
        {
            response = AssistantResponse.Reject(error);
        }
        else if (!string.IsNullOrWhiteSpace(assistantId))
        {
            response = AssistantResponse.UseSavedAssistant(assistantId, assistantOverride);
        }
        else if (assistant is not null)
        {
            response = AssistantResponse.UseAssistant(assistant);
        }
        else
        {
            response = AssistantResponse.Default;
        }

        if ((json.TryGetProperty("max_duration_seconds"u8, out var seconds) || json.TryGetProperty("maxDurationSeconds"u8, out seconds))
            && seconds.ValueKind == JsonValueKind.Number && seconds.TryGetDouble(out var value) && value >= 1)
        {
            response = response.WithMaxDuration(TimeSpan.FromSeconds(value));
        }

        return response;
    }

    private static string? GetString(JsonElement json, string snake, string camel)
        => (json.TryGetProperty(snake, out var value) || json.TryGetProperty(camel, out value)) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonObject? GetObject(JsonElement json, string snake, string camel)
        => (json.TryGetProperty(snake, out var value) || json.TryGetProperty(camel, out value)) && value.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(value.GetRawText())!.AsObject()
            : null;
}
