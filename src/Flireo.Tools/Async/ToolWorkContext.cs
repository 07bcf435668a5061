using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Flireo.Tools.Invocation;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Async;

/// <summary>Writes and reads <see cref="ToolWorkItem.ContextJson"/>: the context fields an async tool call runs with.</summary>
/// <remarks>
/// The form is <c>{"callStatus":…,"callType":…,"customerNumber":…,"phoneNumber":{"id":…,"number":…,"name":…},
/// "assistantMetadata":{…},"mcpSessionId":…,"mcpRequestId":…,"message":{…}}</c>, absent fields left out. Items stored
/// by earlier versions hold the raw webhook <c>message</c> instead, recognised by its top-level <c>type</c>; they are
/// read with the webhook parser, as before.
/// </remarks>
internal static class ToolWorkContext
{
    // The thread's writer for Write, kept between calls (its buffer is copied out into the string at once).
    [ThreadStatic]
    private static JsonScratch? t_scratch;

    /// <summary>Returns the context of a webhook's tool call as <see cref="ToolWorkItem.ContextJson"/>.</summary>
    public static string Write(WebhookMessage message)
    {
        var scratch = JsonScratch.Take(ref t_scratch, default);
        try
        {
            var writer = scratch.Json;
            writer.WriteStartObject();
            WriteString(writer, "callStatus", message.CallStatus);
            WriteString(writer, "callType", message.CallType);
            WriteString(writer, "customerNumber", message.CustomerNumber);
            if (message.PhoneNumber is { } phone)
            {
                writer.WriteStartObject("phoneNumber"u8);
                WriteString(writer, "id", phone.Id);
                WriteString(writer, "number", phone.Number);
                WriteString(writer, "name", phone.Name);
                writer.WriteEndObject();
            }

            if (message.AssistantMetadata is { } metadata)
            {
                writer.WritePropertyName("assistantMetadata"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(metadata), skipInputValidation: true);
            }

            WriteString(writer, "mcpSessionId", message.McpSessionId);
            WriteString(writer, "mcpRequestId", message.McpRequestId);

            // Raw, so the tool's ToolCallContext.Message reads exactly as the webhook sent it: the parsed bytes themselves,
            // without a string of them in between.
            writer.WritePropertyName("message"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(message.Root), skipInputValidation: true);
            writer.WriteEndObject();
            writer.Flush();
            return Encoding.UTF8.GetString(scratch.Buffer.WrittenSpan);
        }
        finally
        {
            JsonScratch.Return(ref t_scratch, scratch);
        }
    }

    /// <summary>Builds the context of one attempt of a stored call, or explains why its stored context cannot be read.</summary>
    public static ToolCallContext? Read(ToolWorkItem item, ToolCallRequest request, int attempt, out string? error)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(item.ContextJson);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            error = "The stored context is not valid JSON.";
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The stored context is not a JSON object.";
            return null;
        }

        if (root.TryGetProperty("type"u8, out _))
        {
            return ReadMessage(item, request, attempt, out error);
        }

        error = null;
        return new ToolCallContext
        {
            ToolCallId = request.Id,
            ToolName = request.Name,
            CallId = item.CallId,
            CallStatus = GetString(root, "callStatus"u8),
            CallType = GetString(root, "callType"u8),
            CustomerNumber = GetString(root, "customerNumber"u8),
            PhoneNumber = root.TryGetProperty("phoneNumber"u8, out var phone) && phone.ValueKind == JsonValueKind.Object
                ? new PhoneNumberInfo(GetString(phone, "id"u8), GetString(phone, "number"u8), GetString(phone, "name"u8))
                : null,
            AssistantMetadata = root.TryGetProperty("assistantMetadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object ? metadata : null,
            Message = root.TryGetProperty("message"u8, out var message) ? message : EmptyObject,
            Casing = item.Casing,
            McpSessionId = GetString(root, "mcpSessionId"u8),
            McpRequestId = GetString(root, "mcpRequestId"u8),
            Attempt = attempt,
            IsBackground = true,
        };
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    // An item stored by an earlier version: its context is the raw message, wrapped so the one envelope parser reads it.
    private static ToolCallContext? ReadMessage(ToolWorkItem item, ToolCallRequest request, int attempt, out string? error)
    {
        var envelope = Encoding.UTF8.GetBytes(string.Concat("{\"message\":", item.ContextJson, "}"));
        if (!WebhookMessage.TryParse(envelope, out var message, out var parseError))
        {
            error = $"The stored webhook message cannot be read: {parseError}";
            return null;
        }

        using (message)
        {
            error = null;
            return ToolCallContext.Create(message, request, attempt, background: true);
        }
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? GetString(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
