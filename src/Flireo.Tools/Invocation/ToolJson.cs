using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Flireo.Tools.Invocation;

/// <summary>Creates the serializer options that the binder, the schema generator and result serialisation share.</summary>
internal static class ToolJson
{
    public static JsonTypeInfo<JsonNode> NodeTypeInfo => ToolJsonContext.Default.JsonNode;

    /// <summary>Creates the default options: reflection-based metadata where the app allows reflection-based JSON, else none.</summary>
    /// <returns>New options that are not yet read-only.</returns>
    /// <remarks>
    /// A trimmed or Native AOT app turns reflection-based JSON off (<c>JsonSerializerIsReflectionEnabledByDefault</c>), and then
    /// the options resolve only the types of <see cref="ToolJsonContext"/> and of the contexts the app adds to their
    /// <see cref="JsonSerializerOptions.TypeInfoResolverChain"/> (docs/native-aot.md).
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "The reflection-based defaults are made only when the app allows reflection-based JSON; the SDK turns that off in trimmed and Native AOT apps, and the trimmer removes this branch with it.")]
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode", Justification = "The reflection-based defaults are made only when the app allows reflection-based JSON; the SDK turns that off in trimmed and Native AOT apps, and the compiler removes this branch with it.")]
    public static JsonSerializerOptions CreateDefaultOptions() =>
        JsonSerializer.IsReflectionEnabledByDefault ? CreateReflectionOptions() : CreateOptionsWithoutReflection();

    /// <summary>Makes options read-only, filling in System.Text.Json's reflection resolver when they have none, as its own serializer methods do.</summary>
    /// <param name="options">Options the app may have made without a resolver.</param>
    /// <returns>The same options, read-only.</returns>
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "The reflection resolver is filled in only when the app allows reflection-based JSON, which the SDK turns off in trimmed and Native AOT apps.")]
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode", Justification = "The reflection resolver is filled in only when the app allows reflection-based JSON, which the SDK turns off in trimmed and Native AOT apps.")]
    public static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        if (!options.IsReadOnly)
        {
            options.MakeReadOnly(populateMissingResolver: JsonSerializer.IsReflectionEnabledByDefault);
        }

        return options;
    }

    [RequiresUnreferencedCode(TrimmingMessages.ToolJson)]
    [RequiresDynamicCode(TrimmingMessages.ToolJson)]
    private static JsonSerializerOptions CreateReflectionOptions() => new(JsonSerializerDefaults.Web)
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

    // The same settings without the two that need reflection: enums are read as strings by the JsonStringEnumConverter<TEnum>
    // of a source-generated context, and types resolve through ToolJsonContext and the app's contexts.
    private static JsonSerializerOptions CreateOptionsWithoutReflection() => new(JsonSerializerDefaults.Web)
    {
        Converters = { new TimeOnlyConverter(), new FiniteNumberConverter<double>(), new FiniteNumberConverter<float>() },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolverChain = { ToolJsonContext.Default },
    };

    /// <summary>Tells whether options give the same schemas as <see cref="CreateDefaultOptions"/>, which the source generator assumes.</summary>
    /// <param name="options">The options the catalog uses.</param>
    /// <returns><see langword="true"/> when every setting a schema depends on is the default's.</returns>
    public static bool HasDefaultSchemaSettings(JsonSerializerOptions options) =>
        options.PropertyNamingPolicy == JsonNamingPolicy.CamelCase
        && (options.Converters is [DefaultStringEnumConverter, TimeOnlyConverter, FiniteNumberConverter<double>, FiniteNumberConverter<float>]
            || (options.Converters is [TimeOnlyConverter, FiniteNumberConverter<double>, FiniteNumberConverter<float>] && !JsonSerializer.IsReflectionEnabledByDefault))
        && options.RespectNullableAnnotations
        && options.RespectRequiredConstructorParameters
        && options.DefaultIgnoreCondition == JsonIgnoreCondition.Never
        && !options.IgnoreReadOnlyProperties
        && !options.IgnoreReadOnlyFields
        && !options.IncludeFields
        && ((options.TypeInfoResolver is DefaultJsonTypeInfoResolver { Modifiers.Count: 0 } resolver && resolver.GetType() == typeof(DefaultJsonTypeInfoResolver))
            || options.TypeInfoResolverChain.All(static r => r is JsonSerializerContext));
}

// Besides the nodes the catalog and the answers write: the scalar parameter and result types, so that tools taking and
// returning only these bind and answer in an app without reflection-based JSON (docs/native-aot.md).
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(char))]
[JsonSerializable(typeof(char?))]
[JsonSerializable(typeof(byte))]
[JsonSerializable(typeof(byte?))]
[JsonSerializable(typeof(short))]
[JsonSerializable(typeof(short?))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(float?))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(decimal?))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateTime?))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(DateTimeOffset?))]
[JsonSerializable(typeof(DateOnly))]
[JsonSerializable(typeof(DateOnly?))]
[JsonSerializable(typeof(TimeOnly))]
[JsonSerializable(typeof(TimeOnly?))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(TimeSpan?))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(Guid?))]
[JsonSerializable(typeof(Uri))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
