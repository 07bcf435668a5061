using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Flireo.Tools.Invocation;

/// <summary>Creates the serializer options that the binder, the schema generator and result serialisation share.</summary>
internal static class ToolJson
{
    public static JsonTypeInfo<JsonNode> NodeTypeInfo => ToolJsonContext.Default.JsonNode;

    public static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.Web)
    {
        Converters = { new DefaultStringEnumConverter(), new TimeOnlyConverter(), new FiniteNumberConverter<double>(), new FiniteNumberConverter<float>() },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Tells whether options pick the converters of <see cref="CreateDefaultOptions"/> for every type, which the generated JSON contracts are made of.</summary>
    /// <param name="options">The options the catalog uses.</param>
    /// <returns><see langword="true"/> when reading a value through a generated contract gives what reflection gives.</returns>
    public static bool HasDefaultConverters(JsonSerializerOptions options) =>
        options.Converters is [DefaultStringEnumConverter, TimeOnlyConverter, FiniteNumberConverter<double>, FiniteNumberConverter<float>]
        && options.TypeInfoResolver is DefaultJsonTypeInfoResolver { Modifiers.Count: 0 } resolver
        && resolver.GetType() == typeof(DefaultJsonTypeInfoResolver);

    /// <summary>Tells whether options give the same schemas as <see cref="CreateDefaultOptions"/>, which the source generator assumes.</summary>
    /// <param name="options">The options the catalog uses.</param>
    /// <returns><see langword="true"/> when every setting a schema depends on is the default's.</returns>
    public static bool HasDefaultSchemaSettings(JsonSerializerOptions options) =>
        options.PropertyNamingPolicy == JsonNamingPolicy.CamelCase
        && HasDefaultConverters(options)
        && options.RespectNullableAnnotations
        && options.RespectRequiredConstructorParameters
        && options.DefaultIgnoreCondition == JsonIgnoreCondition.Never
        && !options.IgnoreReadOnlyProperties
        && !options.IgnoreReadOnlyFields
        && !options.IncludeFields;
}

[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
