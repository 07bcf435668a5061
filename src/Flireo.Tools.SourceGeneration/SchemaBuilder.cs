using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Flireo.Tools.SourceGeneration;

/// <summary>
/// Builds the JSON schema of a tool parameter from its Roslyn symbol, byte for byte what the runtime's reflection path
/// exports (NJsonSchema with the binder's default serializer options, then Flireo.Tools' schema normaliser).
/// </summary>
/// <remarks>
/// It covers the types and DataAnnotations whose output is known exactly: scalars, enums, date and time types, Guid,
/// Uri, nullable forms of them, and arrays and list interfaces of them. For anything else it returns a reason instead
/// of a schema, and the tool's schema stays with the reflection path rather than being guessed.
/// </remarks>
internal static class SchemaBuilder
{
    private const string TimeSpanPattern = @"^-?(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d{1,7})?$";
    private const string TimeSpanNote = "Duration as [-][d.]hh:mm:ss[.fffffff], for example 01:30:00 or 2.00:00:00.";
    private const string DataAnnotations = "System.ComponentModel.DataAnnotations";

    /// <summary>Builds the property schema of a tool parameter.</summary>
    /// <param name="parameter">The parameter the model fills in.</param>
    /// <param name="description">The parameter's own description, or <see langword="null"/>.</param>
    /// <param name="reason">Why no exact schema can be built, when the result is <see langword="null"/>.</param>
    /// <returns>The schema, or <see langword="null"/>.</returns>
    public static SchemaNode? BuildParameter(IParameterSymbol parameter, string? description, out string? reason)
    {
        if (!TryUnwrap(parameter.Type, parameter.NullableAnnotation, out var type, out var nullable, out reason))
        {
            return null;
        }

        var schema = BuildType(type, out var kind, out reason);
        if (schema is null)
        {
            return null;
        }

        if (!ApplyAnnotations(schema, kind, parameter.GetAttributes(), out reason))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(description))
        {
            schema["description"] = description;
        }

        if (kind == SchemaKind.Duration)
        {
            AppendDescription(schema, TimeSpanNote);
        }

        if (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is { } value)
        {
            if (DefaultValue(type, value) is not { } defaultValue)
            {
                reason = $"the default value of '{parameter.Name}' is not one the generator writes exactly";
                return null;
            }

            schema["default"] = defaultValue;
        }

        return nullable ? MakeNullable(schema) : schema;
    }

    private enum SchemaKind
    {
        PlainString,
        FormattedString,
        Duration,
        Enum,
        Integer,
        Number,
        Boolean,
        Array,
    }

    private static bool TryUnwrap(ITypeSymbol type, NullableAnnotation annotation, out ITypeSymbol core, out bool nullable, out string? reason)
    {
        reason = null;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            core = wrapper.TypeArguments[0];
            nullable = true;
            return true;
        }

        core = type;
        nullable = false;
        if (type.IsReferenceType)
        {
            if (annotation == NullableAnnotation.None)
            {
                reason = $"'{type.ToDisplayString()}' is used where nullable reference types are disabled, so its nullability is unknown";
                return false;
            }

            nullable = annotation == NullableAnnotation.Annotated;
        }

        return true;
    }

    private static SchemaNode? BuildType(ITypeSymbol type, out SchemaKind kind, out string? reason)
    {
        reason = null;
        kind = SchemaKind.PlainString;
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return Typed("string");
            case SpecialType.System_Char:
                var character = Typed("string");
                character["minLength"] = JsonNumber.Integer(1);
                character["maxLength"] = JsonNumber.Integer(1);
                kind = SchemaKind.FormattedString;
                return character;
            case SpecialType.System_Boolean:
                kind = SchemaKind.Boolean;
                return Typed("boolean");
            case SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64:
                kind = SchemaKind.Integer;
                return Typed("integer");
            case SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                kind = SchemaKind.Number;
                return Typed("number");
            case SpecialType.System_DateTime:
                kind = SchemaKind.FormattedString;
                return Formatted("date-time");
            default:
                break;
        }

        switch (MetadataName(type))
        {
            case "System.DateTimeOffset":
                kind = SchemaKind.FormattedString;
                return Formatted("date-time");
            case "System.DateOnly":
                kind = SchemaKind.FormattedString;
                return Formatted("date");
            case "System.TimeOnly":
                kind = SchemaKind.FormattedString;
                return Formatted("time");
            case "System.Guid":
                kind = SchemaKind.FormattedString;
                return Formatted("uuid");
            case "System.Uri":
                kind = SchemaKind.FormattedString;
                return Formatted("uri");
            case "System.TimeSpan":
                kind = SchemaKind.Duration;
                var duration = Typed("string");
                duration["pattern"] = TimeSpanPattern;
                return duration;
            default:
                break;
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            kind = SchemaKind.Enum;
            return BuildEnum(enumType, out reason);
        }

        if (ElementType(type) is { } element)
        {
            kind = SchemaKind.Array;
            if (!TryUnwrap(element.Type, element.Annotation, out var itemType, out var itemNullable, out reason))
            {
                return null;
            }

            var items = BuildType(itemType, out var itemKind, out reason);
            if (items is null)
            {
                return null;
            }

            if (itemKind == SchemaKind.Duration)
            {
                AppendDescription(items, TimeSpanNote);
            }

            var array = Typed("array");
            array["items"] = itemNullable ? MakeNullable(items) : items;
            return array;
        }

        reason = $"the generator has no exact schema for '{type.ToDisplayString()}' yet";
        return null;
    }

    private static SchemaNode? BuildEnum(INamedTypeSymbol type, out string? reason)
    {
        reason = null;
        var names = new List<object?>();
        var values = new HashSet<object>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (!field.HasConstantValue || field.ConstantValue is null)
            {
                continue;
            }

            if (!values.Add(field.ConstantValue) || field.GetAttributes().Any(a => a.AttributeClass?.Name == "JsonStringEnumMemberNameAttribute"))
            {
                reason = $"enum '{type.ToDisplayString()}' has aliased members or renamed ones";
                return null;
            }

            names.Add(field.Name);
        }

        if (type.GetAttributes().Any(a => a.AttributeClass?.Name is "FlagsAttribute" or "JsonConverterAttribute"))
        {
            reason = $"enum '{type.ToDisplayString()}' is a flags enum or has its own converter";
            return null;
        }

        var schema = Typed("string");
        if (Description(type) is { } description && !string.IsNullOrWhiteSpace(description))
        {
            schema["description"] = description;
        }

        schema["enum"] = names;
        return schema;
    }

    private static bool ApplyAnnotations(SchemaNode schema, SchemaKind kind, IEnumerable<AttributeData> attributes, out string? reason)
    {
        reason = null;
        var required = false;
        foreach (var attribute in attributes)
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass?.ContainingNamespace?.ToDisplayString() != DataAnnotations)
            {
                continue;
            }

            if (attributeClass.Name == "RequiredAttribute")
            {
                required = Named(attribute, "AllowEmptyStrings") is not true;
                continue;
            }

            var isString = kind is SchemaKind.PlainString;
            var ok = attributeClass.Name switch
            {
                "RegularExpressionAttribute" when kind is SchemaKind.PlainString && Argument(attribute, 0) is string pattern => Set(schema, "pattern", pattern),
                "StringLengthAttribute" when isString && Argument(attribute, 0) is int maximum =>
                    Set(schema, "minLength", JsonNumber.Integer(Named(attribute, "MinimumLength") as int? ?? 0)) && Set(schema, "maxLength", JsonNumber.Integer(maximum)),
                "MinLengthAttribute" when Argument(attribute, 0) is int length && kind is SchemaKind.PlainString or SchemaKind.Array =>
                    Set(schema, isString ? "minLength" : "minItems", JsonNumber.Integer(length)),
                "MaxLengthAttribute" when Argument(attribute, 0) is int length && kind is SchemaKind.PlainString or SchemaKind.Array =>
                    Set(schema, isString ? "maxLength" : "maxItems", JsonNumber.Integer(length)),
                "LengthAttribute" when Argument(attribute, 0) is int minimum && Argument(attribute, 1) is int maximum && kind is SchemaKind.PlainString or SchemaKind.Array =>
                    Set(schema, isString ? "minLength" : "minItems", JsonNumber.Integer(minimum)) && Set(schema, isString ? "maxLength" : "maxItems", JsonNumber.Integer(maximum)),
                "RangeAttribute" when kind is SchemaKind.Integer or SchemaKind.Number => ApplyRange(schema, attribute),
                "EmailAddressAttribute" when kind is SchemaKind.PlainString => Set(schema, "format", "email"),
                "UrlAttribute" when kind is SchemaKind.PlainString => Set(schema, "format", "uri"),
                "PhoneAttribute" when kind is SchemaKind.PlainString => true,
                _ => false,
            };

            if (!ok)
            {
                reason = $"[{attributeClass.Name.Replace("Attribute", string.Empty)}] on this parameter is not mapped by the generator yet";
                return false;
            }
        }

        // FlireoJsonSchemaGenerator: [Required] on a plain string parameter means non-empty.
        if (required && kind == SchemaKind.PlainString && !schema.Contains("format") && schema["minLength"] is null or JsonNumber { Text: "0" })
        {
            schema["minLength"] = JsonNumber.Integer(1);
        }

        // SchemaNormalizer: a zero minimum length says nothing.
        foreach (var keyword in new[] { "minLength", "minItems" })
        {
            if (schema[keyword] is JsonNumber { Text: "0" })
            {
                schema.Remove(keyword);
            }
        }

        return true;
    }

    private static bool ApplyRange(SchemaNode schema, AttributeData range)
    {
        if (range.ConstructorArguments.Length == 2)
        {
            switch (range.ConstructorArguments[0].Value, range.ConstructorArguments[1].Value)
            {
                case (int minimum, int maximum):
                    SetLimits(schema, range, minimum, maximum);
                    return true;
                case (double minimum, double maximum) when minimum > double.MinValue && maximum < double.MaxValue
                    && Math.Abs(minimum) < 7.9e27 && Math.Abs(maximum) < 7.9e27:
                    SetLimits(schema, range, (decimal)minimum, (decimal)maximum);
                    return true;
                default:
                    return false;
            }
        }

        if (range.ConstructorArguments.Length == 3 && range.ConstructorArguments[0].Value is ITypeSymbol { SpecialType: SpecialType.System_Decimal or SpecialType.System_Int32 or SpecialType.System_Int64 }
            && range.ConstructorArguments[1].Value is string low && range.ConstructorArguments[2].Value is string high
            && decimal.TryParse(low, NumberStyles.Number, CultureInfo.InvariantCulture, out var lowValue)
            && decimal.TryParse(high, NumberStyles.Number, CultureInfo.InvariantCulture, out var highValue))
        {
            SetLimits(schema, range, lowValue, highValue);
            return true;
        }

        return false;
    }

    private static void SetLimits(SchemaNode schema, AttributeData range, decimal minimum, decimal maximum)
    {
        schema[Named(range, "MinimumIsExclusive") is true ? "exclusiveMinimum" : "minimum"] = JsonNumber.Limit(minimum);
        schema[Named(range, "MaximumIsExclusive") is true ? "exclusiveMaximum" : "maximum"] = JsonNumber.Limit(maximum);
    }

    private static object? DefaultValue(ITypeSymbol type, object value)
    {
        if (type.TypeKind == TypeKind.Enum)
        {
            var fields = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue && Equals(f.ConstantValue, value)).ToList();
            return fields.Count == 1 ? fields[0].Name : null;
        }

        return value switch
        {
            string text => text,
            bool flag => flag,
            int or long or short or byte or sbyte or ushort or uint => JsonNumber.Integer(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            double number when !double.IsNaN(number) && !double.IsInfinity(number) => new JsonNumber(number.ToString("R", CultureInfo.InvariantCulture)),
            _ => null,
        };
    }

    private static SchemaNode Typed(string type) => new() { ["type"] = type };

    private static SchemaNode Formatted(string format) => new() { ["type"] = "string", ["format"] = format };

    private static bool Set(SchemaNode schema, string keyword, object value)
    {
        schema[keyword] = value;
        return true;
    }

    private static object? Argument(AttributeData attribute, int index) =>
        attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value : null;

    private static object? Named(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value;
            }
        }

        return null;
    }

    /// <summary>Gets the text of a <c>[System.ComponentModel.Description]</c> on a symbol.</summary>
    public static string? Description(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "DescriptionAttribute" } c && c.ContainingNamespace?.ToDisplayString() == "System.ComponentModel")
            {
                return Argument(attribute, 0) as string;
            }
        }

        return null;
    }

    private static string MetadataName(ITypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;

    // Arrays and the list interfaces System.Text.Json creates as List<T>; sets and other collections are left out.
    private static (ITypeSymbol Type, NullableAnnotation Annotation)? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array && array.ElementType.SpecialType is not (SpecialType.System_Byte or SpecialType.System_Char))
        {
            return (array.ElementType, array.ElementNullableAnnotation);
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            var definition = named.OriginalDefinition;
            var isList = definition.SpecialType is SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IList_T
                or SpecialType.System_Collections_Generic_ICollection_T or SpecialType.System_Collections_Generic_IReadOnlyList_T
                or SpecialType.System_Collections_Generic_IReadOnlyCollection_T
                || MetadataName(definition) == "System.Collections.Generic.List`1";
            if (isList)
            {
                return (named.TypeArguments[0], named.TypeArgumentNullableAnnotations[0]);
            }
        }

        return null;
    }

    private static void AppendDescription(SchemaNode schema, string sentence)
    {
        var existing = schema["description"] as string;
        if (string.IsNullOrWhiteSpace(existing))
        {
            schema["description"] = sentence;
            return;
        }

        existing = existing!.TrimEnd();
        var separator = existing.EndsWith(".", StringComparison.Ordinal) || existing.EndsWith("!", StringComparison.Ordinal) || existing.EndsWith("?", StringComparison.Ordinal) ? " " : ". ";
        schema["description"] = existing + separator + sentence;
    }

    // SchemaNormalizer.MakeNullable for the shapes built here: "null" added to the type and to an enum's values.
    private static SchemaNode MakeNullable(SchemaNode schema)
    {
        if (schema["type"] is string type && type != "null")
        {
            schema["type"] = new List<object?> { type, "null" };
        }

        if (schema["enum"] is List<object?> values && !values.Contains(null))
        {
            values.Add(null);
        }

        return schema;
    }
}
