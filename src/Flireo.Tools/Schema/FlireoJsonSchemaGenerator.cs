using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Namotion.Reflection;
using NJsonSchema;
using NJsonSchema.Generation;

namespace Flireo.Tools.Schema;

/// <summary>
/// Extends NJsonSchema's generator with the DataAnnotations it does not map itself:
/// <see cref="LengthAttribute"/> (minLength/maxLength or minItems/maxItems), <see cref="AllowedValuesAttribute"/> (enum)
/// the exclusive bounds of <see cref="RangeAttribute"/>, and the non-empty rule of <see cref="RequiredAttribute"/> on a string
/// tool parameter or constructor parameter (NJsonSchema writes <c>minLength: 1</c> only for properties).
/// </summary>
/// <remarks>
/// <see cref="JsonSchemaGenerator.ApplyDataAnnotations"/> runs for every property of a complex type and, through
/// <see cref="ToolSchemaGenerator"/>, for every tool parameter, so both levels get the same mapping.
/// </remarks>
[RequiresUnreferencedCode(TrimmingMessages.SchemaReflection)]
[RequiresDynamicCode(TrimmingMessages.SchemaReflection)]
internal sealed class FlireoJsonSchemaGenerator(SystemTextJsonSchemaGeneratorSettings settings) : JsonSchemaGenerator(settings)
{
    private readonly JsonSerializerOptions _serializerOptions = settings.SerializerOptions;

    public override void ApplyDataAnnotations(JsonSchema schema, JsonTypeDescription typeDescription)
    {
        base.ApplyDataAnnotations(schema, typeDescription);

        var attributes = typeDescription.ContextualType.GetContextAttributes(true);
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case LengthAttribute length:
                    ApplyLength(schema, typeDescription.Type, length.MinimumLength, length.MaximumLength);
                    break;
                case AllowedValuesAttribute allowed:
                    ApplyAllowedValues(schema, allowed.Values);
                    break;
                case RangeAttribute range when typeDescription.Type is JsonObjectType.Integer or JsonObjectType.Number:
                    ApplyExclusiveRange(schema, range);
                    break;
                case RequiredAttribute { AllowEmptyStrings: false } when IsPlainString(typeDescription) && schema.MinLength is null or 0:
                    schema.MinLength = 1;
                    break;
                default:
                    break;
            }
        }
    }

    // As NJsonSchema does for properties: no length rule for enums and formatted strings (dates, ids).
    private static bool IsPlainString(JsonTypeDescription typeDescription) =>
        typeDescription.Type.HasFlag(JsonObjectType.String) && !typeDescription.IsEnum && string.IsNullOrEmpty(typeDescription.Format);

    private static void ApplyLength(JsonSchema schema, JsonObjectType type, int minimum, int maximum)
    {
        if (type.HasFlag(JsonObjectType.String))
        {
            schema.MinLength = minimum;
            schema.MaxLength = maximum;
        }
        else if (type.HasFlag(JsonObjectType.Array))
        {
            schema.MinItems = minimum;
            schema.MaxItems = maximum;
        }
    }

    private void ApplyAllowedValues(JsonSchema schema, IEnumerable values)
    {
        schema.Enumeration.Clear();
        foreach (var value in values)
        {
            schema.Enumeration.Add(ToSchemaValue(value, _serializerOptions));
        }
    }

    /// <summary>Converts a CLR value to the plain value NJsonSchema writes, spelled the way the binder reads it.</summary>
    /// <param name="value">An enum member, number, string, Boolean or other serialisable value.</param>
    /// <param name="serializerOptions">The options the binder uses.</param>
    /// <returns>A string, integer, decimal, Boolean or <see langword="null"/>; other JSON as its text.</returns>
    public static object? ToSchemaValue(object? value, JsonSerializerOptions serializerOptions)
    {
        var node = value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), serializerOptions);
        return node switch
        {
            null => null,
            JsonValue jsonValue when jsonValue.TryGetValue(out string? text) => text,
            JsonValue jsonValue when jsonValue.TryGetValue(out long integer) => integer,
            JsonValue jsonValue when jsonValue.TryGetValue(out decimal number) => number,
            JsonValue jsonValue when jsonValue.TryGetValue(out bool flag) => flag,
            _ => node.ToJsonString(),
        };
    }

    private static void ApplyExclusiveRange(JsonSchema schema, RangeAttribute range)
    {
        if (range.MinimumIsExclusive && schema.Minimum is { } minimum)
        {
            schema.ExclusiveMinimum = minimum;
            schema.Minimum = null;
        }

        if (range.MaximumIsExclusive && schema.Maximum is { } maximum)
        {
            schema.ExclusiveMaximum = maximum;
            schema.Maximum = null;
        }
    }
}
