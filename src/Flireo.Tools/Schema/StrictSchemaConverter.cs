using System.Globalization;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Schema;

/// <summary>
/// Derives the strict variant of a normalised parameters schema, for engines that enforce schemas the way OpenAI's
/// strict function calling does.
/// </summary>
/// <remarks>
/// Rules followed: OpenAI "Structured Outputs" guide, section "Supported schemas"
/// (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas, as published in early 2026):
/// <list type="bullet">
/// <item>every property of every object is listed in <c>required</c>; optional behaviour is a union with
/// <c>null</c> (<c>"type": ["string", "null"]</c>). An optional tool parameter becomes nullable (the binder maps null
/// back to its default); an optional property of a nested object becomes nullable only if its type already is, and
/// is otherwise simply required, because System.Text.Json cannot bind null to a non-nullable value;</item>
/// <item><c>additionalProperties: false</c> on every object;</item>
/// <item>supported keywords: string <c>pattern</c> and <c>format</c> (date-time, time, date, duration, email,
/// hostname, ipv4, ipv6, uuid); number <c>multipleOf</c>, <c>minimum</c>, <c>maximum</c>,
/// <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>; array <c>minItems</c>, <c>maxItems</c>; plus <c>enum</c>,
/// <c>anyOf</c> (not at the root), <c>$ref</c>/<c>$defs</c> (recursion allowed) and <c>description</c>;</item>
/// <item>not supported (<c>allOf</c>, <c>not</c>, <c>if</c>/<c>then</c>/<c>else</c>, …) or not in the list above
/// (<c>minLength</c>, <c>maxLength</c>, <c>default</c>, <c>format: uri</c>, <c>uniqueItems</c>): folded into the
/// description text so the model still sees the limit.</item>
/// </list>
/// Two shapes cannot be expressed at all under those rules and are left as they are: a dictionary
/// (<c>additionalProperties</c> with a schema) and an any-value schema (<c>{}</c>).
/// <see cref="IsStrictCompatible"/> reports whether a schema avoided both.
/// </remarks>
internal static class StrictSchemaConverter
{
    private static readonly HashSet<string> SupportedKeywords = new(StringComparer.Ordinal)
    {
        "$ref", "$defs", "type", "description", "enum", "const", "format", "pattern",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minItems", "maxItems", "items", "properties", "required", "additionalProperties", "anyOf",
    };

    private static readonly HashSet<string> SupportedFormats = new(StringComparer.Ordinal)
    {
        "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid",
    };

    /// <summary>Converts a normalised parameters schema to its strict variant.</summary>
    /// <param name="schema">The normalised schema; it is not modified.</param>
    /// <returns>A new strict schema.</returns>
    public static JsonObject Convert(JsonObject schema)
    {
        var copy = (JsonObject)schema.DeepClone();
        ConvertSchema(copy, isRoot: true);
        return SchemaNormalizer.Order(copy);
    }

    /// <summary>Converts the normalised schema of one tool parameter to the strict variant it has inside its parameters object.</summary>
    /// <param name="property">The parameter's normalised property schema; it is not modified.</param>
    /// <param name="isRequired">Whether the parameter is listed in the normalised schema's <c>required</c>.</param>
    /// <returns>A new strict property schema, equal to the property <see cref="Convert"/> writes for it.</returns>
    public static JsonObject ConvertParameter(JsonObject property, bool isRequired)
    {
        var copy = (JsonObject)property.DeepClone();
        ConvertSchema(copy, isRoot: false);
        return SchemaNormalizer.Order(isRequired ? copy : AsOptionalParameter(copy));
    }

    /// <summary>Determines whether a schema only uses shapes that strict mode can express.</summary>
    /// <param name="schema">A strict schema.</param>
    /// <returns><see langword="true"/> when no dictionary or any-value schema is left in it.</returns>
    public static bool IsStrictCompatible(JsonObject schema)
    {
        if (schema["additionalProperties"] is JsonObject)
        {
            return false;
        }

        if (schema["type"] is null && schema["$ref"] is null && schema["anyOf"] is null && schema["enum"] is null && schema["const"] is null)
        {
            return false;
        }

        return Children(schema).All(IsStrictCompatible);
    }

    private static void ConvertSchema(JsonObject schema, bool isRoot)
    {
        if (schema.Remove("oneOf", out var oneOf))
        {
            // Every normalised oneOf is a plain choice; strict mode only knows anyOf.
            schema["anyOf"] = oneOf;
        }

        foreach (var child in Children(schema))
        {
            ConvertSchema(child, isRoot: false);
        }

        if (schema["properties"] is JsonObject properties)
        {
            var required = (schema["required"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
            var entries = properties.ToList();
            properties.Clear();
            var allNames = new JsonArray();
            foreach (var (name, value) in entries)
            {
                // Tool parameters: the binder turns null into the parameter's default. Nested properties: null only
                // where the type already takes it, because System.Text.Json cannot put null into an int or keep a
                // list's initializer when it reads null; such properties simply become required.
                properties[name] = isRoot && !required.Contains(name) && value is JsonObject property
                    ? AsOptionalParameter(property)
                    : value;
                allNames.Add((JsonNode?)JsonValue.Create(name));
            }

            if (allNames.Count > 0)
            {
                schema["required"] = allNames;
            }

            schema["additionalProperties"] ??= false;
        }

        FoldUnsupportedKeywords(schema);
    }

    // Strict mode lists every property as required; the binder maps null back to an optional parameter's default.
    private static JsonObject AsOptionalParameter(JsonObject property) => SchemaNormalizer.MakeNullable(property);

    private static IEnumerable<JsonObject> Children(JsonObject schema)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (_, value) in properties)
            {
                if (value is JsonObject property)
                {
                    yield return property;
                }
            }
        }

        if (schema["$defs"] is JsonObject defs)
        {
            foreach (var (_, value) in defs)
            {
                if (value is JsonObject definition)
                {
                    yield return definition;
                }
            }
        }

        foreach (var keyword in (string[])["items", "additionalProperties"])
        {
            if (schema[keyword] is JsonObject child)
            {
                yield return child;
            }
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            foreach (var option in anyOf.OfType<JsonObject>())
            {
                yield return option;
            }
        }
    }

    private static void FoldUnsupportedKeywords(JsonObject schema)
    {
        var sentences = new List<string>();

        var minLength = RemoveInteger(schema, "minLength");
        var maxLength = RemoveInteger(schema, "maxLength");
        if (LengthSentence(minLength, maxLength) is { } length)
        {
            sentences.Add(length);
        }

        if (schema["format"]?.GetValue<string>() is { } format && !SupportedFormats.Contains(format))
        {
            schema.Remove("format");
            sentences.Add(format == "uri" ? "Must be a URI." : $"Format: {format}.");
        }

        foreach (var (key, value) in schema.ToList())
        {
            if (SupportedKeywords.Contains(key))
            {
                continue;
            }

            schema.Remove(key);
            sentences.Add(key switch
            {
                "default" => $"Default: {value?.ToJsonString() ?? "null"}.",
                "uniqueItems" when value?.GetValue<bool>() == true => "Items must be unique.",
                _ => $"{key}: {value?.ToJsonString() ?? "null"}.",
            });
        }

        foreach (var sentence in sentences)
        {
            SchemaNormalizer.AppendDescription(schema, sentence);
        }
    }

    private static int? RemoveInteger(JsonObject schema, string keyword) =>
        schema.Remove(keyword, out var value) && value is not null ? value.GetValue<int>() : null;

    private static string? LengthSentence(int? minimum, int? maximum)
    {
        var unit = (int? n) => n == 1 ? "character" : "characters";
        return (minimum, maximum) switch
        {
            (null, null) => null,
            ({ } min, { } max) when min == max => string.Create(CultureInfo.InvariantCulture, $"Exactly {min} {unit(min)}."),
            ({ } min and > 0, { } max) => string.Create(CultureInfo.InvariantCulture, $"Between {min} and {max} characters."),
            (_, { } max) => string.Create(CultureInfo.InvariantCulture, $"At most {max} {unit(max)}."),
            ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"At least {min} {unit(min)}."),
        };
    }
}
