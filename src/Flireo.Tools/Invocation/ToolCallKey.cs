using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Flireo.Tools.Invocation;

/// <summary>Builds the one key that identifies a tool call for retries: call id, tool call id, tool name and the arguments' fingerprint.</summary>
/// <remarks>
/// <para>
/// The key is length-prefixed, so no choice of ids can make two different calls share it:
/// <c>6:call-1|6:call_0|8:send_sms|&lt;SHA-256 hex of the canonical arguments&gt;</c>; a missing call id is written <c>-</c>.
/// </para>
/// <para>
/// The fingerprint is the same whether the arguments arrive as a JSON object or as a JSON string holding one, and ignores
/// whitespace and the order of object keys. It never throws: text that cannot be decoded (a lone surrogate escape) is
/// taken as written, and arguments that are no JSON are hashed as text.
/// </para>
/// </remarks>
internal static class ToolCallKey
{
    private static readonly JsonWriterOptions CanonicalWriter = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    private static readonly JsonDocumentOptions Reading = new() { MaxDepth = 256 };

    // A delegate made once: sorting a span with it allocates nothing (Array.Sort with an IComparer makes a delegate per sort).
    private static readonly Comparison<JsonProperty> PlainNameOrder =
        static (a, b) => JsonMarshal.GetRawUtf8PropertyName(a).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(b));

    [ThreadStatic]
    private static JsonScratch? t_canonical;

    /// <summary>Builds the key of a call.</summary>
    /// <param name="callId">The Flireo call id, or <see langword="null"/>.</param>
    /// <param name="toolCallId">The tool call id.</param>
    /// <param name="toolName">The tool's name.</param>
    /// <param name="fingerprint">The arguments' fingerprint (<see cref="Fingerprint(JsonElement)"/> or <see cref="Fingerprint(string)"/>).</param>
    public static string Create(string? callId, string toolCallId, string toolName, string fingerprint) =>
        Create(callId, toolCallId, toolName, fingerprint.AsSpan());

    /// <summary>Builds the unambiguous part of the key naming only the call id and the tool call id.</summary>
    public static string Ids(string? callId, string toolCallId) => callId is null
        ? string.Create(CultureInfo.InvariantCulture, $"-|{toolCallId.Length}:{toolCallId}")
        : string.Create(CultureInfo.InvariantCulture, $"{callId.Length}:{callId}|{toolCallId.Length}:{toolCallId}");

    /// <summary>Gets how long the start of a key is that names only its call id and tool call id (its <see cref="Ids"/>), or the key's length when it is not a key.</summary>
    public static int IdsLength(ReadOnlySpan<char> key)
    {
        var at = 0;
        if (key.StartsWith("-|", StringComparison.Ordinal))
        {
            at = 2;
        }
        else if (TrySkipPart(key, ref at) && at < key.Length && key[at] == '|')
        {
            at++;
        }
        else
        {
            return key.Length;
        }

        return TrySkipPart(key, ref at) ? at : key.Length;
    }

    // Skips a length-prefixed part, "<length>:<text>", starting at `at`; false when the key has none there.
    private static bool TrySkipPart(ReadOnlySpan<char> key, ref int at)
    {
        var colon = key[at..].IndexOf(':') + at;
        if (colon <= at
            || !int.TryParse(key[at..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > key.Length - colon - 1)
        {
            return false;
        }

        at = colon + 1 + length;
        return true;
    }

    /// <summary>Builds the key of a call from the arguments as they arrived in the webhook.</summary>
    public static string Create(string? callId, string toolCallId, string toolName, JsonElement arguments) =>
        Create(callId, toolCallId, toolName, arguments, literal: false);

    /// <summary>Builds the key a sync call is remembered under in memory for retries: two calls get the same one exactly when <see cref="Create(string?, string, string, JsonElement)"/> gives them the same key.</summary>
    /// <remarks>
    /// Canonical arguments of at most <see cref="MaxLiteral"/> bytes are kept as they are (after a <c>=</c>, a character
    /// per byte), which costs less than hashing them; longer ones get the SHA-256 hex, which never starts with <c>=</c>.
    /// Never stored: the durable queues keep the keys of <see cref="Create(string?, string, string, JsonElement)"/>.
    /// </remarks>
    public static string ForRetry(string? callId, string toolCallId, string toolName, JsonElement arguments) =>
        Create(callId, toolCallId, toolName, arguments, literal: true);

    /// <summary>Writes the key of <see cref="ForRetry"/> into <paramref name="destination"/> instead of a string of its own.</summary>
    /// <param name="destination">Where the key is written.</param>
    /// <param name="callId">The Flireo call id, or <see langword="null"/>.</param>
    /// <param name="toolCallId">The tool call id.</param>
    /// <param name="toolName">The tool's name.</param>
    /// <param name="arguments">The arguments as they arrived.</param>
    /// <param name="written">How many characters the key has.</param>
    /// <returns><see langword="false"/> when the key does not fit.</returns>
    public static bool TryWriteForRetry(Span<char> destination, string? callId, string toolCallId, string toolName, JsonElement arguments, out int written)
    {
        if (arguments.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            Span<char> fingerprint = stackalloc char[MaxLiteral + 1];
            if (TryCanonicalFingerprint(arguments, fingerprint, literal: true, out var length))
            {
                return TryWrite(destination, callId, toolCallId, toolName, fingerprint[..length], out written);
            }
        }

        return TryWrite(destination, callId, toolCallId, toolName, Fingerprint(arguments, literal: true), out written);
    }

    private static bool TryWrite(Span<char> destination, string? callId, string toolCallId, string toolName, ReadOnlySpan<char> fingerprint, out int written) => callId is null
        ? destination.TryWrite(CultureInfo.InvariantCulture, $"-|{toolCallId.Length}:{toolCallId}|{toolName.Length}:{toolName}|{fingerprint}", out written)
        : destination.TryWrite(CultureInfo.InvariantCulture, $"{callId.Length}:{callId}|{toolCallId.Length}:{toolCallId}|{toolName.Length}:{toolName}|{fingerprint}", out written);

    // The most bytes of canonical arguments a retry key keeps as they are: no longer than the hash it stands for.
    internal const int MaxLiteral = SHA256.HashSizeInBytes * 2;

    private static string Create(string? callId, string toolCallId, string toolName, JsonElement arguments, bool literal)
    {
        // The common case, an object, gets its fingerprint without a string of its own; the rest as Fingerprint does it.
        if (arguments.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            Span<char> fingerprint = stackalloc char[MaxLiteral + 1];
            if (TryCanonicalFingerprint(arguments, fingerprint, literal, out var length))
            {
                return Create(callId, toolCallId, toolName, fingerprint[..length]);
            }
        }

        return Create(callId, toolCallId, toolName, Fingerprint(arguments, literal));
    }

    private static string Create(string? callId, string toolCallId, string toolName, ReadOnlySpan<char> fingerprint) => callId is null
        ? string.Create(CultureInfo.InvariantCulture, $"-|{toolCallId.Length}:{toolCallId}|{toolName.Length}:{toolName}|{fingerprint}")
        : string.Create(CultureInfo.InvariantCulture, $"{callId.Length}:{callId}|{toolCallId.Length}:{toolCallId}|{toolName.Length}:{toolName}|{fingerprint}");

    /// <summary>Returns the SHA-256 hex of the canonical form of arguments as they arrived (object, JSON string, or missing).</summary>
    public static string Fingerprint(JsonElement arguments) => Fingerprint(arguments, literal: false);

    /// <summary>Returns the SHA-256 hex of the canonical form of arguments given as JSON text.</summary>
    public static string Fingerprint(string argumentsJson) => Fingerprint(argumentsJson, literal: false);

    private static string Fingerprint(JsonElement arguments, bool literal)
    {
        try
        {
            switch (arguments.ValueKind)
            {
                case JsonValueKind.Undefined:
                case JsonValueKind.Null:
                    return Fingerprint("{}", literal);
                case JsonValueKind.String:
                    string text;
                    try
                    {
                        text = arguments.GetString()!;
                    }
                    catch (InvalidOperationException)
                    {
                        // Undecodable (a lone surrogate escape): the text as written identifies it.
                        return Hash("raw:", arguments.GetRawText());
                    }

                    return Fingerprint(text, literal);
                default:
                    return Canonical(arguments, literal);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Hash("raw:", SafeRawText(arguments));
        }
    }

    private static string Fingerprint(string argumentsJson, bool literal)
    {
        ArgumentNullException.ThrowIfNull(argumentsJson);
        try
        {
            using var document = JsonDocument.Parse(argumentsJson, Reading);
            return Canonical(document.RootElement, literal);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not JSON (or not canonicalisable): the text itself identifies the call.
            return Hash("text:", argumentsJson);
        }
    }

    private static string Canonical(JsonElement element, bool literal)
    {
        Span<char> fingerprint = stackalloc char[MaxLiteral + 1];
        if (!TryCanonicalFingerprint(element, fingerprint, literal, out var length))
        {
            // Only when it threw, which the callers turn into a hash of the raw text.
            throw new InvalidOperationException("The arguments could not be canonicalised.");
        }

        return new string(fingerprint[..length]);
    }

    // Writes the canonical form into a buffer kept per thread and puts its fingerprint in the first `length` characters
    // of `fingerprint`: the SHA-256 hex, or with `literal` a short form itself after a '=' (Latin-1, so a character per
    // byte and two forms are equal only when their bytes are); false when writing threw.
    private static bool TryCanonicalFingerprint(JsonElement element, Span<char> fingerprint, bool literal, out int length)
    {
        var canonical = JsonScratch.Take(ref t_canonical, CanonicalWriter);
        try
        {
            Write(canonical.Json, element);
            canonical.Json.Flush();
            var written = canonical.Buffer.WrittenSpan;
            if (literal && written.Length <= MaxLiteral)
            {
                fingerprint[0] = '=';
                length = 1 + Encoding.Latin1.GetChars(written, fingerprint[1..]);
                return true;
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(written, hash);
            return Convert.TryToHexStringLower(hash, fingerprint, out length);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            length = 0;
            return false;
        }
        finally
        {
            JsonScratch.Return(ref t_canonical, canonical);
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when TryWritePlainObject(writer, element):
                break;
            case JsonValueKind.Object:
                var properties = new List<(string Name, bool Raw, JsonElement Value)>();
                foreach (var property in element.EnumerateObject())
                {
                    properties.Add(Name(property));
                }

                // Repeated names are ordered by their values, so the order is fixed whatever order they came in.
                properties.Sort(static (a, b) =>
                    a.Raw != b.Raw ? a.Raw.CompareTo(b.Raw)
                    : string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName
                    : string.CompareOrdinal(a.Value.GetRawText(), b.Value.GetRawText()));
                writer.WriteStartObject();
                foreach (var (name, raw, value) in properties)
                {
                    // A raw name is written escaped again (its backslashes doubled), so it never equals a decoded one.
                    writer.WritePropertyName(raw ? "\u0000raw:" + name : name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String when JsonMarshal.GetRawUtf8Value(element) is var quoted && IsPlain(quoted[1..^1]):
                // No escapes and valid UTF-8: the text as written is the decoded text.
                writer.WriteStringValue(quoted[1..^1]);
                break;
            case JsonValueKind.String:
                string? text = null;
                try
                {
                    text = element.GetString();
                }
                catch (InvalidOperationException)
                {
                }

                if (text is not null)
                {
                    writer.WriteStringValue(text);
                }
                else
                {
                    // Undecodable text is kept as written: valid JSON, so written raw without checks.
                    writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                }

                break;
            default:
                // Numbers, true, false and null as written.
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                break;
        }
    }

    // An object whose names are all plain ASCII (no escapes) and distinct: sorted by their bytes, which for ASCII is the
    // ordinal order of their text, and written without a string per name. Anything else goes the general way.
    private static bool TryWritePlainObject(Utf8JsonWriter writer, JsonElement element)
    {
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (!IsPlainAscii(JsonMarshal.GetRawUtf8PropertyName(property)))
            {
                return false;
            }

            count++;
        }

        var properties = ArrayPool<JsonProperty>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var n = 0;
            foreach (var property in element.EnumerateObject())
            {
                properties[n++] = property;
            }

            if (n > 1)
            {
                properties.AsSpan(0, n).Sort(PlainNameOrder);
                for (var i = 1; i < n; i++)
                {
                    if (JsonMarshal.GetRawUtf8PropertyName(properties[i - 1]).SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(properties[i])))
                    {
                        // Repeated names are ordered by their values: the general way.
                        return false;
                    }
                }
            }

            writer.WriteStartObject();
            for (var i = 0; i < n; i++)
            {
                writer.WritePropertyName(JsonMarshal.GetRawUtf8PropertyName(properties[i]));
                Write(writer, properties[i].Value);
            }

            writer.WriteEndObject();
            return true;
        }
        finally
        {
            ArrayPool<JsonProperty>.Shared.Return(properties, clearArray: true);
        }
    }

    private static bool IsPlainAscii(ReadOnlySpan<byte> name) => Ascii.IsValid(name) && !name.Contains((byte)'\\');

    private static bool IsPlain(ReadOnlySpan<byte> text) => !text.Contains((byte)'\\') && Utf8.IsValid(text);

    private static (string Name, bool Raw, JsonElement Value) Name(JsonProperty property)
    {
        try
        {
            return (property.Name, false, property.Value);
        }
        catch (InvalidOperationException)
        {
            // The name has a lone surrogate escape: take it as written, without its quotes.
            return (RawName(property), true, property.Value);
        }
    }

    // The name as written between its quotes (escapes kept); valid UTF-8, since the document was parsed.
    private static string RawName(JsonProperty property) => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(property));

    private static string Hash(string kind, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(kind + text);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static string SafeRawText(JsonElement element)
    {
        try
        {
            return element.GetRawText();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return string.Empty;
        }
    }
}
