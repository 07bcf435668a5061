using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Protocol;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Testing;

/// <summary>Writes webhook bodies the way Flireo sends them, in either key casing.</summary>
internal static class WebhookBodyWriter
{
    /// <summary>Writes a <c>{"message":{…}}</c> body.</summary>
    /// <param name="envelope">The fields every webhook carries.</param>
    /// <param name="writeFields">Writes the fields of the webhook type inside <c>message</c>; receives whether keys are camelCase.</param>
    /// <returns>The UTF-8 body.</returns>
    public static byte[] Write(WebhookEnvelope envelope, Action<Utf8JsonWriter, bool>? writeFields)
    {
        var camel = envelope.Casing == WebhookCasing.CamelCase;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("message"u8);
            writer.WriteString("type"u8, envelope.Type);
            writer.WriteString("timestamp"u8, envelope.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

            var call = envelope.Call;
            writer.WriteStartObject("call"u8);
            if (call.Id is not null)
            {
                writer.WriteString("id"u8, call.Id);
            }

            writer.WriteString("type"u8, call.Type ?? (camel ? "inboundPhoneCall" : "inbound_phone_call"));
            writer.WriteString("status"u8, call.Status ?? envelope.DefaultStatus);
            writer.WriteEndObject();

            if (call.PhoneNumber is { } phone)
            {
                writer.WriteStartObject(camel ? "phoneNumber"u8 : "phone_number"u8);
                WriteIfSet(writer, "id", phone.Id);
                WriteIfSet(writer, "number", phone.Number);
                WriteIfSet(writer, "name", phone.Name);
                writer.WriteEndObject();
            }

            if (call.CustomerNumber is not null)
            {
                writer.WriteStartObject("customer"u8);
                writer.WriteString("number"u8, call.CustomerNumber);
                writer.WriteEndObject();
            }

            if (envelope.Assistant is { ValueKind: JsonValueKind.Object } assistant)
            {
                writer.WritePropertyName("assistant"u8);
                assistant.WriteTo(writer);
            }
            else if (envelope.AssistantMetadata is { } metadata)
            {
                writer.WriteStartObject("assistant"u8);
                writer.WritePropertyName("metadata"u8);
                metadata.WriteTo(writer);
                writer.WriteEndObject();
            }

            writeFields?.Invoke(writer, camel);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the <c>tool_call_list</c> (or <c>toolCallList</c>) array.</summary>
    /// <param name="writer">The writer, inside <c>message</c>.</param>
    /// <param name="camel">Whether keys are camelCase.</param>
    /// <param name="calls">The calls: id, tool name and arguments.</param>
    public static void WriteToolCalls(Utf8JsonWriter writer, bool camel, IReadOnlyList<(string Id, string Name, JsonElement Arguments)> calls)
    {
        writer.WriteStartArray(camel ? "toolCallList"u8 : "tool_call_list"u8);
        foreach (var (id, name, arguments) in calls)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, id);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, name);
            writer.WritePropertyName("arguments"u8);
            arguments.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the fields of an end-of-call-report.</summary>
    /// <param name="writer">The writer, inside <c>message</c>.</param>
    /// <param name="camel">Whether keys are camelCase.</param>
    /// <param name="report">The report.</param>
    public static void WriteReport(Utf8JsonWriter writer, bool camel, EndOfCallReport report)
    {
        if (report.DurationSeconds is { } duration)
        {
            writer.WriteNumber(camel ? "durationSeconds"u8 : "duration_seconds"u8, duration);
        }

        WriteIfSet(writer, "summary", report.Summary);
        if (report.Analysis is { } analysis)
        {
            writer.WritePropertyName("analysis"u8);
            analysis.WriteTo(writer);
        }

        if (report.Messages.Count > 0)
        {
            writer.WriteStartArray("messages"u8);
            foreach (var message in report.Messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role"u8, message.Role);
                writer.WriteString("content"u8, message.Content);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteIfSet(writer, camel ? "recordingUrl" : "recording_url", report.RecordingUrl);
        WriteIfSet(writer, camel ? "endReason" : "end_reason", report.EndReason);
        WriteIfSet(writer, camel ? "startedAt" : "started_at", Format(report.StartedAt));
        WriteIfSet(writer, camel ? "endedAt" : "ended_at", Format(report.EndedAt));
    }

    /// <summary>Writes the fields of a status-update besides the call status.</summary>
    /// <param name="writer">The writer, inside <c>message</c>.</param>
    /// <param name="camel">Whether keys are camelCase.</param>
    /// <param name="update">The update.</param>
    public static void WriteStatusUpdate(Utf8JsonWriter writer, bool camel, StatusUpdate update)
    {
        WriteIfSet(writer, "error", update.Error);
        WriteIfSet(writer, camel ? "endReason" : "end_reason", update.EndReason);
    }

    /// <summary>Turns tool arguments given in any of the accepted forms into a JSON value.</summary>
    /// <param name="arguments">An object to serialise, a <see cref="JsonElement"/> or <see cref="JsonNode"/>, a string holding JSON, or <see langword="null"/> for <c>{}</c>.</param>
    /// <param name="options">The JSON options to serialise objects with.</param>
    /// <returns>The arguments as JSON.</returns>
    /// <exception cref="ArgumentException">A string that is not JSON.</exception>
    public static JsonElement ToArguments(object? arguments, JsonSerializerOptions options)
    {
        switch (arguments)
        {
            case null:
                return JsonDocument.Parse("{}").RootElement.Clone();
            case JsonElement element:
                return element.Clone();
            case string text:
                try
                {
                    using (var document = JsonDocument.Parse(text))
                    {
                        return document.RootElement.Clone();
                    }
                }
                catch (JsonException ex)
                {
                    throw new ArgumentException($"Tool arguments given as a string must be JSON text, such as {{\"date\":\"2026-03-07\"}}; '{text}' is not: {ex.Message}", nameof(arguments), ex);
                }

            default:
                return JsonSerializer.SerializeToElement(arguments, arguments.GetType(), options);
        }
    }

    private static string? Format(DateTimeOffset? value)
        => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
