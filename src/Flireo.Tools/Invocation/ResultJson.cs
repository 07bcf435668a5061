using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Flireo.Tools.Invocation;

/// <summary>Serialises a tool's result once, straight into the form every webhook answer writes it in.</summary>
/// <remarks>
/// Answers are written with relaxed escaping (<see cref="Protocol.WebhookJson"/>) and without indentation. A result
/// written here with the same settings, its property names encoded the same way, is byte for byte what writing its
/// <see cref="JsonElement"/> into the answer gave, so the answer copies it as it is instead of parsing and writing it again.
/// </remarks>
internal static class ResultJson
{
    // The writer's default depth limit; the serializer's own limit (64 by default) is lower.
    private const int MaxDepth = 1000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = MaxDepth };

    [ThreadStatic]
    private static JsonScratch? t_scratch;

    /// <summary>Gets <c>{"success":true}</c>, the result of a tool that returns nothing.</summary>
    public static byte[] EmptySuccess { get; } = """{"success":true}"""u8.ToArray();

    /// <summary>Returns serializer options that write as an answer does: the app's options with relaxed escaping for property names too.</summary>
    /// <param name="options">The app's serializer options.</param>
    /// <returns>A copy of <paramref name="options"/> for writing results.</returns>
    public static JsonSerializerOptions CreateOptions(JsonSerializerOptions options) =>
        new(options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    /// <summary>Serialises a value as compact UTF-8 JSON with relaxed escaping.</summary>
    /// <param name="value">The value.</param>
    /// <param name="type">The type to serialise it as.</param>
    /// <param name="options">Options from <see cref="CreateOptions"/>.</param>
    /// <returns>The JSON, in an array of its exact length.</returns>
    [RequiresUnreferencedCode(TrimmingMessages.ToolJson)]
    [RequiresDynamicCode(TrimmingMessages.ToolJson)]
    public static byte[] Serialize(object value, Type type, JsonSerializerOptions options)
    {
        var scratch = JsonScratch.Take(ref t_scratch, WriterOptions);
        try
        {
            JsonSerializer.Serialize(scratch.Json, value, type, options);
            scratch.Json.Flush();
            var written = scratch.Buffer.WrittenSpan;

            // Text with a lone surrogate is written as an escaped U+FFFD, which reading and writing it again (as answers
            // were written before) turns into the character itself: do that, so that answers stay byte for byte the same.
            return written.IndexOf(@"\uFFFD"u8) < 0 ? written.ToArray() : Rewrite(written);
        }
        finally
        {
            JsonScratch.Return(ref t_scratch, scratch);
        }
    }

    /// <summary>Serialises a string as a JSON string value with relaxed escaping.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The JSON string, quotes included.</returns>
    public static byte[] Text(string text)
    {
        var scratch = JsonScratch.Take(ref t_scratch, WriterOptions);
        try
        {
            scratch.Json.WriteStringValue(text);
            scratch.Json.Flush();
            return scratch.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            JsonScratch.Return(ref t_scratch, scratch);
        }
    }

    private static byte[] Rewrite(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var element = JsonElement.ParseValue(ref reader);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var rewritten = new Utf8JsonWriter(buffer, WriterOptions))
        {
            element.WriteTo(rewritten);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
