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
}

[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
