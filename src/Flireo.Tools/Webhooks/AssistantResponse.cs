using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Webhooks;

/// <summary>Represents the answer to an <c>assistant-request</c> webhook.</summary>
/// <remarks>
/// The four shapes Flireo understands: <see cref="Default"/> (<c>{}</c>), <see cref="UseAssistant"/>
/// (<c>{"assistant":{…}}</c>), <see cref="UseSavedAssistant"/> (<c>{"assistant_id":…,"assistant_override":{…}}</c>) and
/// <see cref="Reject"/> (<c>{"error":"…"}</c>); any of them can cap the call length with <see cref="WithMaxDuration"/>.
/// Top-level keys follow the webhook's casing; keys inside the assistant objects are written exactly as given.
/// </remarks>
public sealed class AssistantResponse
{
    private AssistantResponse(JsonObject? assistant, string? assistantId, JsonObject? assistantOverride, string? error, TimeSpan? maxDuration)
    {
        Assistant = assistant;
        AssistantId = assistantId;
        AssistantOverride = assistantOverride;
        Error = error;
        MaxDuration = maxDuration;
    }

    /// <summary>Gets the answer <c>{}</c>: the call uses the assistant saved in Flireo, unchanged.</summary>
    public static AssistantResponse Default { get; } = new(null, null, null, null, null);

    /// <summary>Gets the full or partial assistant configuration to use for this call, or <see langword="null"/>.</summary>
    public JsonObject? Assistant { get; }

    /// <summary>Gets the id of the saved assistant to use for this call, or <see langword="null"/>.</summary>
    public string? AssistantId { get; }

    /// <summary>Gets the top-level blocks that replace those of the saved assistant, or <see langword="null"/>.</summary>
    public JsonObject? AssistantOverride { get; }

    /// <summary>Gets the text spoken to the caller before the call is rejected, or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Gets the longest the call may last, or <see langword="null"/> for the assistant's own limit.</summary>
    public TimeSpan? MaxDuration { get; }

    /// <summary>Creates an answer that uses the given assistant configuration for this call (a transient assistant).</summary>
    /// <param name="assistant">The configuration, for example <c>{"first_message":"Hallo Jan"}</c>; a <c>metadata</c> object is echoed in later webhooks.</param>
    /// <returns>The answer.</returns>
    public static AssistantResponse UseAssistant(JsonObject assistant)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        return new(assistant, null, null, null, null);
    }

    /// <summary>Creates an answer that uses a saved assistant, optionally replacing some of its top-level blocks.</summary>
    /// <param name="assistantId">The id of the saved assistant.</param>
    /// <param name="assistantOverride">The blocks to replace, for example <c>{"first_message":"…"}</c>; each replaces the whole block (a shallow merge).</param>
    /// <returns>The answer.</returns>
    public static AssistantResponse UseSavedAssistant(string assistantId, JsonObject? assistantOverride = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assistantId);
        return new(null, assistantId, assistantOverride, null, null);
    }

    /// <summary>Creates an answer that rejects the call; the message is spoken to the caller first.</summary>
    /// <param name="message">What the caller hears, for example "Sorry, we are closed."</param>
    /// <returns>The answer.</returns>
    public static AssistantResponse Reject(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(null, null, null, message, null);
    }

    /// <summary>Returns a copy of this answer that caps the length of the call.</summary>
    /// <param name="maxDuration">The longest the call may last; written in whole seconds, at least one.</param>
    /// <returns>A new answer with the cap.</returns>
    public AssistantResponse WithMaxDuration(TimeSpan maxDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDuration, TimeSpan.FromSeconds(1));
        return new(Assistant, AssistantId, AssistantOverride, Error, maxDuration);
    }

    /// <summary>Writes the answer as the JSON body Flireo expects.</summary>
    /// <param name="writer">The writer to write to.</param>
    /// <param name="casing">The casing of the top-level keys, normally the webhook's own.</param>
    public void WriteTo(Utf8JsonWriter writer, WebhookCasing casing)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var camel = casing == WebhookCasing.CamelCase;
        writer.WriteStartObject();
        if (Assistant is not null)
        {
            writer.WritePropertyName("assistant"u8);
            Assistant.WriteTo(writer);
        }

        if (AssistantId is not null)
        {
            writer.WriteString(camel ? "assistantId"u8 : "assistant_id"u8, AssistantId);
        }

        if (AssistantOverride is not null)
        {
            writer.WritePropertyName(camel ? "assistantOverride"u8 : "assistant_override"u8);
            AssistantOverride.WriteTo(writer);
        }

        if (Error is not null)
        {
            writer.WriteString("error"u8, Error);
        }

        if (MaxDuration is { } maxDuration)
        {
            writer.WriteNumber(camel ? "maxDurationSeconds"u8 : "max_duration_seconds"u8, (long)maxDuration.TotalSeconds);
        }

        writer.WriteEndObject();
    }

    /// <summary>Serialises the answer as UTF-8 JSON.</summary>
    /// <param name="casing">The casing of the top-level keys.</param>
    /// <returns>The UTF-8 JSON bytes.</returns>
    public byte[] ToUtf8Bytes(WebhookCasing casing)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WebhookJson.WriterOptions))
        {
            WriteTo(writer, casing);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => System.Text.Encoding.UTF8.GetString(ToUtf8Bytes(WebhookCasing.SnakeCase));
}
