using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Flireo.Tools;

/// <summary>Represents the outcome of one tool call: a result value or an error message, keyed by tool call id.</summary>
public sealed class ToolCallResult
{
    // The deepest result a parsed element may have: the depth the result writer allows (Utf8JsonWriter's default).
    private const int MaxResultDepth = 1000;

    private readonly JsonElement? _result;

    // A result the router serialised itself, as it appears in the answer: compact UTF-8 JSON with relaxed escaping.
    private readonly byte[]? _json;
    private StrongBox<JsonElement>? _parsed;

    private ToolCallResult(string toolCallId, JsonElement? result, byte[]? json, string? error)
    {
        ToolCallId = toolCallId;
        _result = result;
        _json = json;
        Error = error;
    }

    /// <summary>Gets the tool call id this outcome answers.</summary>
    public string ToolCallId { get; }

    /// <summary>Gets the result value, or <see langword="null"/> for an error.</summary>
    public JsonElement? Result => _json is null ? _result : (_parsed ??= new StrongBox<JsonElement>(Parse(_json))).Value;

    /// <summary>Gets the error message, or <see langword="null"/> when the call succeeded.</summary>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the call failed.</summary>
    public bool IsError => Error is not null;

    /// <summary>Gets the result as the router serialised it (compact UTF-8 JSON, relaxed escaping), or <see langword="null"/> when it was not.</summary>
    internal byte[]? Json => _json;

    /// <summary>Gets the size in bytes of the result as it is written in an answer, or 0 for an error.</summary>
    internal int ResultSize => _json?.Length ?? (_result is { } result ? System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(result).Length : 0);

    /// <summary>Creates a successful outcome.</summary>
    /// <param name="toolCallId">The tool call id.</param>
    /// <param name="result">The result value; it is cloned so it outlives its document.</param>
    /// <returns>A successful outcome.</returns>
    public static ToolCallResult Success(string toolCallId, JsonElement result)
    {
        ArgumentNullException.ThrowIfNull(toolCallId);
        return new(toolCallId, result.Clone(), null, null);
    }

    /// <summary>Creates a failed outcome.</summary>
    /// <param name="toolCallId">The tool call id.</param>
    /// <param name="error">The message the model sees.</param>
    /// <returns>A failed outcome.</returns>
    public static ToolCallResult Failure(string toolCallId, string error)
    {
        ArgumentNullException.ThrowIfNull(toolCallId);
        ArgumentNullException.ThrowIfNull(error);
        return new(toolCallId, null, null, error);
    }

    /// <summary>Creates a successful outcome from a result already written as an answer writes it: one compact JSON value, UTF-8, relaxed escaping.</summary>
    /// <param name="toolCallId">The tool call id.</param>
    /// <param name="json">The JSON value; kept, not copied.</param>
    /// <returns>A successful outcome whose answer copies <paramref name="json"/> as it is.</returns>
    internal static ToolCallResult SuccessJson(string toolCallId, byte[] json) => new(toolCallId, null, json, null);

    /// <summary>Writes the result value (which must be there) to an answer.</summary>
    /// <param name="writer">The answer's writer.</param>
    /// <remarks>
    /// A result written by the router is copied as it is when the writer would write it the same way (compact, relaxed
    /// escaping, as every webhook answer does); any other writer gets it through <see cref="JsonElement.WriteTo"/>, as before.
    /// </remarks>
    internal void WriteResultTo(Utf8JsonWriter writer)
    {
        if (_json is not null && !writer.Options.Indented && ReferenceEquals(writer.Options.Encoder, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))
        {
            writer.WriteRawValue(_json, skipInputValidation: true);
            return;
        }

        Result!.Value.WriteTo(writer);
    }

    /// <summary>Returns the result as JSON text, or <see langword="null"/> for an error.</summary>
    internal string? ResultText() => _json is not null ? System.Text.Encoding.UTF8.GetString(_json) : _result?.GetRawText();

    /// <inheritdoc />
    public override string ToString() => IsError ? $"{ToolCallId}: error {Error}" : $"{ToolCallId}: {ResultText()}";

    private static JsonElement Parse(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxResultDepth });
        return JsonElement.ParseValue(ref reader);
    }
}
