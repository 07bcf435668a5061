using System.Text.Json;
using Flireo.Tools.Protocol;

namespace Flireo.Tools;

/// <summary>Represents the answer to a tool-calls webhook: one outcome per call, in request order.</summary>
public sealed class ToolCallsResponse
{
    /// <summary>Initializes a new instance of the <see cref="ToolCallsResponse"/> class.</summary>
    /// <param name="results">The outcomes, one per tool call, in request order.</param>
    /// <param name="casing">The casing of the id key (<c>toolCallId</c> or <c>tool_call_id</c>).</param>
    public ToolCallsResponse(IReadOnlyList<ToolCallResult> results, WebhookCasing casing)
        : this(results, casing, ErrorAnswer.ResultAndError)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToolCallsResponse"/> class.</summary>
    /// <param name="results">The outcomes, one per tool call, in request order.</param>
    /// <param name="casing">The casing of the id key (<c>toolCallId</c> or <c>tool_call_id</c>).</param>
    /// <param name="errorAnswer">Where the text of a failed call is written: <c>result</c>, <c>error</c> or both.</param>
    public ToolCallsResponse(IReadOnlyList<ToolCallResult> results, WebhookCasing casing, ErrorAnswer errorAnswer)
    {
        ArgumentNullException.ThrowIfNull(results);
        Results = results;
        Casing = casing;
        ErrorAnswer = errorAnswer;
    }

    /// <summary>Gets the outcomes, one per tool call, in request order.</summary>
    public IReadOnlyList<ToolCallResult> Results { get; }

    /// <summary>Gets the casing used for the tool call id key.</summary>
    public WebhookCasing Casing { get; }

    /// <summary>Gets where the text of a failed call is written: <c>result</c>, <c>error</c> or both (the default).</summary>
    public ErrorAnswer ErrorAnswer { get; }

    /// <summary>Writes the answer in Flireo's object format: <c>{"results":[{"toolCallId":…,"result":…}]}</c>.</summary>
    /// <remarks>A failed call is written as <see cref="ErrorAnswer"/> says; by default its text is in both <c>result</c> and <c>error</c>.</remarks>
    /// <param name="writer">The writer to write to.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var idKey = Casing == WebhookCasing.CamelCase ? "toolCallId"u8 : "tool_call_id"u8;
        writer.WriteStartObject();
        writer.WriteStartArray("results"u8);
        for (var i = 0; i < Results.Count; i++)
        {
            var result = Results[i];
            writer.WriteStartObject();
            writer.WriteString(idKey, result.ToolCallId);
            if (result.Error is { } error)
            {
                if (ErrorAnswer != ErrorAnswer.Error)
                {
                    writer.WriteString("result"u8, error);
                }

                if (ErrorAnswer != ErrorAnswer.Result)
                {
                    writer.WriteString("error"u8, error);
                }
            }
            else
            {
                writer.WritePropertyName("result"u8);
                result.WriteResultTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Serialises the answer in Flireo's object format as UTF-8 JSON, with relaxed escaping (<c>"+316…"</c>, <c>"Zoë"</c> as they are).</summary>
    /// <returns>The UTF-8 JSON bytes.</returns>
    public byte[] ToUtf8Bytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WebhookJson.WriterOptions))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => System.Text.Encoding.UTF8.GetString(ToUtf8Bytes());
}
