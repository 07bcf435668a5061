using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Flireo.Tools.Invocation;

/// <summary>Reads a time of day as System.Text.Json does (<c>19:30</c>, <c>19:30:00.5</c>) and also as RFC 3339 full-time with an offset (<c>19:30:00Z</c>, <c>19:30:00+01:00</c>); writes it as System.Text.Json does.</summary>
/// <remarks>
/// The exported schema of a <see cref="TimeOnly"/> parameter has <c>"format": "time"</c>, which JSON Schema defines as
/// RFC 3339 full-time: a model that follows it sends an offset, which System.Text.Json alone rejects. A time of day
/// has no offset, so it is dropped and the wall-clock time kept.
/// </remarks>
internal sealed class TimeOnlyConverter : JsonConverter<TimeOnly>
{
    // "23:59:59.999999999999+14:00" and then some: longer text is not a time.
    private const int MaxLength = 40;

    private static readonly string[] FullTimeFormats = ["HH':'mm':'ss", "HH':'mm':'ss'.'FFFFFFF"];

    private static readonly JsonConverter<TimeOnly> Default = JsonMetadataServices.TimeOnlyConverter;

    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (reader.TokenType != JsonTokenType.String || rawLength > MaxLength * 6)
        {
            return Default.Read(ref reader, typeToConvert, options);
        }

        // Unescaped first: "+" may arrive as "\u002B".
        Span<char> text = stackalloc char[MaxLength * 6];
        text = text[..reader.CopyString(text)];
        if (!TryGetOffsetLength(text, out var offsetLength))
        {
            return Default.Read(ref reader, typeToConvert, options);
        }

        if (text.Length > MaxLength)
        {
            throw new JsonException("The time is too long.");
        }

        Span<char> time = stackalloc char[MaxLength];
        var length = 0;
        var fractionDigits = -1;
        foreach (var c in text[..^offsetLength])
        {
            // RFC 3339 allows any number of fraction digits; a TimeOnly keeps seven.
            if (fractionDigits >= 0 && ++fractionDigits > 7)
            {
                continue;
            }

            fractionDigits = c == '.' ? 0 : fractionDigits;
            time[length++] = c;
        }

        return TimeOnly.TryParseExact(time[..length], FullTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new JsonException("The time is not an RFC 3339 full-time.");
    }

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) => Default.Write(writer, value, options);

    /// <summary>Finds an RFC 3339 time offset at the end: <c>Z</c> or <c>±hh:mm</c>.</summary>
    private static bool TryGetOffsetLength(ReadOnlySpan<char> text, out int length)
    {
        length = 0;
        if (text.Length > 0 && text[^1] is 'Z' or 'z')
        {
            length = 1;
        }
        else if (text.Length >= 6 && text[^6] is '+' or '-' && text[^3] == ':'
            && IsTwoDigits(text[^5..^3], 23) && IsTwoDigits(text[^2..], 59))
        {
            length = 6;
        }

        return length > 0;
    }

    private static bool IsTwoDigits(ReadOnlySpan<char> text, int max)
        => char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && ((text[0] - '0') * 10) + text[1] - '0' <= max;
}
