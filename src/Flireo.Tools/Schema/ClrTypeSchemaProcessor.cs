using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;
using Namotion.Reflection;
using NJsonSchema;
using NJsonSchema.Generation;

namespace Flireo.Tools.Schema;

/// <summary>
/// Fills in what NJsonSchema misses for some CLR types: a <see cref="char"/> is a one-character string, a
/// <see cref="Half"/> a number, an <see cref="Int128"/> or <see cref="UInt128"/> an integer and a <see cref="Version"/> a
/// dotted string (NJsonSchema sees structs and classes without properties, System.Text.Json reads them as these), and the
/// properties of a type deserialised through a constructor (records with a primary constructor) take their description,
/// DataAnnotations, requiredness and default value from the matching constructor parameter.
/// </summary>
/// <remarks>
/// In <c>record Address([Description("Street")] string Street)</c> the attribute lands on the constructor parameter,
/// not on the property NJsonSchema reads. A constructor parameter without a default value is listed as required when
/// the serializer demands it (<see cref="System.Text.Json.JsonSerializerOptions.RespectRequiredConstructorParameters"/>)
/// or when it is not nullable, because the record cannot be built meaningfully without it.
/// </remarks>
[RequiresUnreferencedCode(TrimmingMessages.SchemaReflection)]
[RequiresDynamicCode(TrimmingMessages.SchemaReflection)]
internal sealed class ClrTypeSchemaProcessor : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        var type = Nullable.GetUnderlyingType(context.ContextualType.Type) ?? context.ContextualType.Type;
        if (type == typeof(char))
        {
            context.Schema.MinLength = 1;
            context.Schema.MaxLength = 1;
            return;
        }

        if (ScalarType(type) is { } scalar)
        {
            var schema = context.Schema;
            schema.Type = scalar.Type | (schema.Type.HasFlag(JsonObjectType.Null) ? JsonObjectType.Null : JsonObjectType.None);
            schema.Properties.Clear();
            schema.RequiredProperties.Clear();
            schema.AllowAdditionalProperties = true;
            schema.Pattern = scalar.Pattern;
            return;
        }

        if (context.Schema.Type.HasFlag(JsonObjectType.Object) && context.Schema.Properties.Count > 0)
        {
            ApplyConstructorParameters(context, type);
        }
    }

    // The JSON System.Text.Json reads for types NJsonSchema describes as objects; Version's converter takes
    // "major.minor[.build[.revision]]".
    private static (JsonObjectType Type, string? Pattern)? ScalarType(Type type) =>
        type == typeof(Half) ? (JsonObjectType.Number, null)
        : type == typeof(Int128) || type == typeof(UInt128) ? (JsonObjectType.Integer, null)
        : type == typeof(Version) ? (JsonObjectType.String, @"^\d+\.\d+(\.\d+){0,2}$")
        : null;

    private static void ApplyConstructorParameters(SchemaProcessorContext context, Type type)
    {
        var constructor = FindDeserializationConstructor(type);
        if (constructor is null)
        {
            return;
        }

        var generator = context.Generator;
        var settings = context.Settings;
        var accessors = type.ToContextualType().Properties;
        foreach (var parameter in constructor.GetParameters())
        {
            var accessor = accessors.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            if (accessor is null)
            {
                continue;
            }

            var jsonName = settings.ReflectionService.GetPropertyName(accessor, settings);
            if (!context.Schema.Properties.TryGetValue(jsonName, out var propertySchema))
            {
                continue;
            }

            var contextualParameter = parameter.ToContextualParameter();
            var description = parameter.GetCustomAttribute<DescriptionAttribute>()?.Description;
            if (propertySchema.Description is null && !string.IsNullOrWhiteSpace(description))
            {
                propertySchema.Description = description;
            }

            var parameterType = settings.ReflectionService.GetDescription(contextualParameter.ParameterType, settings);
            generator.ApplyDataAnnotations(propertySchema, parameterType);

            if (IsRequired(parameter, contextualParameter, settings) && !context.Schema.RequiredProperties.Contains(jsonName))
            {
                context.Schema.RequiredProperties.Add(jsonName);
            }

            // System.Text.Json passes the parameter's default when the property is missing, so the model may rely on it.
            if (propertySchema.Default is null && settings is SystemTextJsonSchemaGeneratorSettings { SerializerOptions: { } options }
                && DefaultValue(parameter) is { } value)
            {
                propertySchema.Default = FlireoJsonSchemaGenerator.ToSchemaValue(value, options);
            }
        }
    }

    // With RespectRequiredConstructorParameters the serializer itself rejects a missing parameter without a default;
    // otherwise it fills in default(T), which is only harmless when the parameter accepts null.
    private static bool IsRequired(ParameterInfo parameter, ContextualParameterInfo contextualParameter, JsonSchemaGeneratorSettings settings)
    {
        if (parameter.HasDefaultValue)
        {
            return false;
        }

        if (settings is SystemTextJsonSchemaGeneratorSettings { SerializerOptions.RespectRequiredConstructorParameters: true })
        {
            return true;
        }

        return contextualParameter.Nullability != Nullability.Nullable && Nullable.GetUnderlyingType(parameter.ParameterType) is null;
    }

    private static object? DefaultValue(ParameterInfo parameter)
    {
        if (!parameter.HasDefaultValue || parameter.DefaultValue is not { } value)
        {
            return null;
        }

        // Reflection may hand out an enum parameter's default as its underlying number.
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type.IsEnum && !value.GetType().IsEnum ? Enum.ToObject(type, value) : value;
    }

    // Mirrors System.Text.Json: a [JsonConstructor] constructor, else the only public constructor when there is no
    // public parameterless one.
    private static ConstructorInfo? FindDeserializationConstructor(Type type)
    {
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        var annotated = constructors.FirstOrDefault(c => c.IsDefined(typeof(JsonConstructorAttribute), inherit: false))
            ?? type.GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance)
                .FirstOrDefault(c => c.IsDefined(typeof(JsonConstructorAttribute), inherit: false));
        if (annotated is not null)
        {
            return annotated.GetParameters().Length > 0 ? annotated : null;
        }

        if (constructors.Any(c => c.GetParameters().Length == 0) || constructors.Length != 1)
        {
            return null;
        }

        return constructors[0];
    }
}
