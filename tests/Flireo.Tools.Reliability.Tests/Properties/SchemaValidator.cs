using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flireo.Tools.Reliability.Tests.Properties;

/// <summary>Validates JSON against the subset of JSON Schema that Flireo.Tools exports, strictly and independently of the product.</summary>
/// <remarks>
/// Keywords: type (one or a list), enum, const, properties, required, additionalProperties (false or a schema), items,
/// minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, minLength, maxLength, minItems, maxItems, pattern,
/// anyOf, oneOf, allOf, format. Formats follow RFC 3339 as JSON Schema defines them: date is a full-date, time a
/// full-time (an offset is required), date-time a date, "T", and a full-time; uuid is the 8-4-4-4-12 hex form.
/// Any other keyword fails validation, so a schema that grows a keyword this validator does not know is noticed.
/// </remarks>
internal static partial class SchemaValidator
{
    private static readonly HashSet<string> Known =
    [
        "type", "description", "enum", "const", "properties", "required", "additionalProperties", "items",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
        "minItems", "maxItems", "pattern", "anyOf", "oneOf", "allOf", "format", "default", "title", "uniqueItems",
    ];

    /// <summary>Returns every reason the instance does not match the schema; empty when it matches.</summary>
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Validate(schema, instance, "$", errors);
        return errors;
    }

    private static void Validate(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name))
            {
                errors.Add($"{path}: the validator does not know the keyword '{keyword.Name}'");
            }
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, instance))
        {
            errors.Add($"{path}: {instance.ValueKind} is not of type {type.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, instance)))
        {
            errors.Add($"{path}: {instance.GetRawText()} is not one of {values.GetRawText()}");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, instance))
        {
            errors.Add($"{path}: {instance.GetRawText()} is not {constant.GetRawText()}");
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.Object:
                ValidateObject(schema, instance, path, errors);
                break;
            case JsonValueKind.Array:
                ValidateArray(schema, instance, path, errors);
                break;
            case JsonValueKind.String:
                ValidateString(schema, instance.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(schema, instance, path, errors);
                break;
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Validate(part, instance, path, errors);
            }
        }

        if (schema.TryGetProperty("anyOf", out var any) && !any.EnumerateArray().Any(part => Validate(part, instance).Count == 0))
        {
            errors.Add($"{path}: matches none of anyOf");
        }

        if (schema.TryGetProperty("oneOf", out var one) && one.EnumerateArray().Count(part => Validate(part, instance).Count == 0) != 1)
        {
            errors.Add($"{path}: does not match exactly one of oneOf");
        }
    }

    private static bool MatchesType(JsonElement type, JsonElement instance)
    {
        if (type.ValueKind == JsonValueKind.Array)
        {
            return type.EnumerateArray().Any(t => MatchesType(t, instance));
        }

        return type.GetString() switch
        {
            "object" => instance.ValueKind == JsonValueKind.Object,
            "array" => instance.ValueKind == JsonValueKind.Array,
            "string" => instance.ValueKind == JsonValueKind.String,
            "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => instance.ValueKind == JsonValueKind.Null,
            "number" => instance.ValueKind == JsonValueKind.Number,
            "integer" => instance.ValueKind == JsonValueKind.Number && IsInteger(instance),
            var other => throw new InvalidOperationException($"Unknown JSON Schema type '{other}'."),
        };
    }

    private static bool IsInteger(JsonElement number)
    {
        var text = number.GetRawText();
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == decimal.Truncate(value);
    }

    private static void ValidateObject(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        schema.TryGetProperty("properties", out var properties);
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: required property '{name}' is missing");
                }
            }
        }

        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(propertySchema, property.Value, at, errors);
            }
            else if (additional.ValueKind is JsonValueKind.False)
            {
                errors.Add($"{at}: additional property is not allowed");
            }
            else if (additional.ValueKind is JsonValueKind.Object)
            {
                Validate(additional, property.Value, at, errors);
            }
        }
    }

    private static void ValidateArray(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        var count = instance.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add($"{path}: {count} items, fewer than {min.GetInt32()}");
        }

        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            errors.Add($"{path}: {count} items, more than {max.GetInt32()}");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Validate(items, item, $"{path}[{index++}]", errors);
            }
        }
    }

    private static void ValidateString(JsonElement schema, string value, string path, List<string> errors)
    {
        // Lengths count code points, as JSON Schema does.
        var length = value.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
        {
            errors.Add($"{path}: {length} characters, fewer than {min.GetInt32()}");
        }

        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
        {
            errors.Add($"{path}: {length} characters, more than {max.GetInt32()}");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: '{value}' does not match {pattern.GetString()}");
        }

        if (schema.TryGetProperty("format", out var format) && !MatchesFormat(format.GetString()!, value))
        {
            errors.Add($"{path}: '{value}' is not a valid {format.GetString()}");
        }
    }

    private static void ValidateNumber(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        var value = instance.GetDouble();
        if (schema.TryGetProperty("minimum", out var min) && value < min.GetDouble())
        {
            errors.Add($"{path}: {value} is less than {min.GetDouble()}");
        }

        if (schema.TryGetProperty("maximum", out var max) && value > max.GetDouble())
        {
            errors.Add($"{path}: {value} is more than {max.GetDouble()}");
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var exclusiveMin) && value <= exclusiveMin.GetDouble())
        {
            errors.Add($"{path}: {value} is not more than {exclusiveMin.GetDouble()}");
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var exclusiveMax) && value >= exclusiveMax.GetDouble())
        {
            errors.Add($"{path}: {value} is not less than {exclusiveMax.GetDouble()}");
        }

        if (schema.TryGetProperty("multipleOf", out var multiple) && instance.TryGetDecimal(out var exact) && multiple.TryGetDecimal(out var step) && exact % step != 0)
        {
            errors.Add($"{path}: {exact} is not a multiple of {step}");
        }
    }

    private static bool MatchesFormat(string format, string value) => format switch
    {
        "date" => FullDate().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "time" => FullTime().IsMatch(value),
        "date-time" => DateTime().IsMatch(value) && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uuid" => Uuid().IsMatch(value),
        "email" => value.Count(c => c == '@') == 1 && value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < value.Length - 1,
        "uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
        _ => throw new InvalidOperationException($"The validator does not know the format '{format}'."),
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex FullDate();

    // RFC 3339 full-time: time-hour ":" time-minute ":" time-second [time-secfrac] time-offset.
    [GeneratedRegex(@"^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$")]
    private static partial Regex FullTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$")]
    private static partial Regex DateTime();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();
}
