using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Flireo.Tools.Cli.Webhooks;

/// <summary>Builds the body of a tool-calls webhook for one tool call, the way Flireo sends it.</summary>
/// <param name="ToolName">The tool the model calls.</param>
/// <param name="Arguments">The arguments, normally a JSON object.</param>
/// <param name="ToolCallId">The tool call id the answer must echo.</param>
/// <param name="CallId">The phone call id (<c>message.call.id</c>).</param>
/// <param name="SnakeCase">Whether keys use snake_case (<c>tool_call_list</c>) rather than camelCase (<c>toolCallList</c>).</param>
/// <param name="CustomerNumber">The caller's number (<c>message.customer.number</c>), or <see langword="null"/> for a web call.</param>
/// <param name="Timestamp">The <c>message.timestamp</c>.</param>
internal sealed record ToolCallWebhook(
    string ToolName,
    JsonElement Arguments,
    string ToolCallId,
    string CallId,
    bool SnakeCase,
    string? CustomerNumber,
    DateTimeOffset Timestamp)
{
    /// <summary>Writes the webhook body as compact UTF-8 JSON.</summary>
    /// <returns>The exact bytes to sign and send.</returns>
    public byte[] ToUtf8Bytes()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("message"u8);
            writer.WriteString("type"u8, "tool-calls");
            writer.WriteString("timestamp"u8, Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteStartObject("call"u8);
            writer.WriteString("id"u8, CallId);
            writer.WriteString("type"u8, (SnakeCase, CustomerNumber is null) switch
            {
                (true, true) => "web_call",
                (true, false) => "inbound_phone_call",
                (false, true) => "webCall",
                (false, false) => "inboundPhoneCall",
            });
            writer.WriteString("status"u8, "in-progress");
            writer.WriteEndObject();
            writer.WriteStartObject("customer"u8);
            writer.WriteString("number"u8, CustomerNumber);
            writer.WriteEndObject();
            writer.WriteStartArray(SnakeCase ? "tool_call_list"u8 : "toolCallList"u8);
            writer.WriteStartObject();
            writer.WriteString("id"u8, ToolCallId);
            writer.WriteString("type"u8, "function");
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, ToolName);
            writer.WritePropertyName("arguments"u8);
            Arguments.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
