using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Flireo.Tools.Invocation;

/// <summary>Reads a <see cref="double"/> or <see cref="float"/> argument only when it is a finite number; writes it as System.Text.Json does.</summary>
/// <remarks>
/// System.Text.Json reads <c>1e400</c> as infinity and, with the web defaults' <c>AllowReadingFromString</c>, the
/// strings <c>"NaN"</c> and <c>"Infinity"</c> as those values, so a tool would run with a number the model never
/// meant. Used through the serializer options, the check also covers records, arrays and nullable values.
/// </remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
internal sealed class FiniteNumberConverter<T> : JsonConverter<T>
    where T : struct, IBinaryFloatingPointIeee754<T>
{
    private const NumberStyles NumberText = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    // 64 characters are more digits than a double can use.
    private const int MaxTextLength = 64;

    private static readonly JsonConverter<T> Default = (JsonConverter<T>)(typeof(T) == typeof(double)
        ? (JsonConverter)JsonMetadataServices.DoubleConverter
        : JsonMetadataServices.SingleConverter);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        T value;
        if (reader.TokenType == JsonTokenType.String && (options.NumberHandling & JsonNumberHandling.AllowReadingFromString) != 0)
        {
            var text = reader.GetString();
            if (text is not { Length: > 0 and <= MaxTextLength } || !T.TryParse(text, NumberText, CultureInfo.InvariantCulture, out value))
            {
                throw new JsonException();
            }
        }
        else
        {
            value = Default.Read(ref reader, typeToConvert, options);
        }

        // The message stays empty so the serializer adds the path ("at [1].x") that the binder reports.
        return T.IsFinite(value) ? value : throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => Default.Write(writer, value, options);
}
