using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Hosting.Development;

/// <summary>Makes plausible arguments for a tool from its parameter schema, for the sample request printed in Development.</summary>
internal static class SampleArguments
{
    private const int MaxDepth = 6;

    /// <summary>Returns an object with a value for every required property of the schema.</summary>
    /// <param name="schema">The tool's <c>parameters</c> JSON schema.</param>
    /// <returns>The arguments object.</returns>
    public static JsonObject Create(JsonElement schema) => ObjectFor(schema, 0);

    private static JsonObject ObjectFor(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        if (schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var name in required.EnumerateArray())
        {
            if (name.GetString() is { } key && properties.TryGetProperty(key, out var property))
            {
                result[key] = ValueFor(property, depth + 1);
            }
        }

        return result;
    }

    private static JsonNode? ValueFor(JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return null;
        }

        if (schema.TryGetProperty("default", out var fallback))
        {
            return JsonNode.Parse(fallback.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in values.EnumerateArray())
            {
                if (value.ValueKind != JsonValueKind.Null)
                {
                    return JsonNode.Parse(value.GetRawText());
                }
            }
        }

        foreach (var key in (string[])["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(key, out var choices) && choices.ValueKind == JsonValueKind.Array)
            {
                foreach (var choice in choices.EnumerateArray())
                {
                    if (TypeOf(choice) != "null")
                    {
                        return ValueFor(choice, depth + 1);
                    }
                }
            }
        }

        return TypeOf(schema) switch
        {
            "string" => StringFor(schema),
            "integer" => JsonValue.Create(NumberFor(schema, 1)),
            "number" => JsonValue.Create(NumberFor(schema, 1.5)),
            "boolean" => JsonValue.Create(true),
            "array" => ArrayFor(schema, depth),
            "object" => ObjectFor(schema, depth),
            _ => null,
        };
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                if (item.GetString() is { } name && name != "null")
                {
                    return name;
                }
            }

            return "null";
        }

        return null;
    }

    private static JsonValue StringFor(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var text = format switch
        {
            "date" => "2030-01-15",
            "date-time" => "2030-01-15T19:30:00Z",
            "time" => "19:30:00",
            "uuid" => "00000000-0000-0000-0000-000000000001",
            "email" => "guest@example.com",
            "uri" => "https://example.com/",
            _ => "example",
        };
        if (schema.TryGetProperty("minLength", out var min) && min.TryGetInt32(out var length) && text.Length < length)
        {
            text = text.PadRight(length, 'x');
        }

        return JsonValue.Create(text);
    }

    private static double NumberFor(JsonElement schema, double fallback)
    {
        if (schema.TryGetProperty("minimum", out var min) && min.TryGetDouble(out var value))
        {
            return Math.Max(value, Math.Min(fallback, schema.TryGetProperty("maximum", out var max) && max.TryGetDouble(out var top) ? top : double.MaxValue));
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var exclusive) && exclusive.TryGetDouble(out var floor))
        {
            return Math.Max(fallback, floor + 1);
        }

        return fallback;
    }

    private static JsonArray ArrayFor(JsonElement schema, int depth)
    {
        var array = new JsonArray();
        var count = schema.TryGetProperty("minItems", out var min) && min.TryGetInt32(out var n) ? Math.Min(n, 3) : 0;
        if (schema.TryGetProperty("items", out var items))
        {
            for (var i = 0; i < count; i++)
            {
                array.Add(ValueFor(items, depth + 1));
            }
        }

        return array;
    }
}
