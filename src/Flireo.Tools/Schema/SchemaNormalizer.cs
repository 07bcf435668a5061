using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Schema;

/// <summary>
/// Turns NJsonSchema's raw output into the schema a language model reads: sub-schemas inlined, nullability as type
/// unions, no generator noise, closed objects and a stable keyword order.
/// </summary>
/// <remarks>
/// What it rewrites, each measured on NJsonSchema 11.6.2 output:
/// <list type="bullet">
/// <item><c>$ref</c> into <c>definitions</c> is inlined; only a type that contains itself keeps a reference, to
/// <c>#/$defs/Name</c> at the root.</item>
/// <item><c>oneOf:[{type:null},X]</c> becomes X with <c>"null"</c> added to its type (and enum); a kept reference becomes
/// <c>anyOf:[{$ref},{type:null}]</c>.</item>
/// <item><c>$schema</c>, <c>title</c>, <c>x-*</c> extensions (<c>x-enumNames</c>, <c>x-abstract</c>…) and
/// <c>readOnly</c> are dropped; integer enums get their names in the description instead.</item>
/// <item><c>format</c> keeps only what models use (date, date-time, time, uuid, email, uri…): numeric formats go,
/// <c>guid</c> becomes <c>uuid</c>, <c>phone</c> goes, and TimeSpan's <c>duration</c> (which System.Text.Json does
/// not read) becomes a pattern plus a description of the real <c>[-][d.]hh:mm:ss[.fffffff]</c> format.</item>
/// <item>every object schema gets <c>additionalProperties: false</c> unless it is a dictionary (a schema there).</item>
/// </list>
/// </remarks>
internal static class SchemaNormalizer
{
    /// <summary>The pattern System.Text.Json's TimeSpan converter accepts (constant "c" format).</summary>
    public const string TimeSpanPattern = @"^-?(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d{1,7})?$";

    private const string TimeSpanNote = "Duration as [-][d.]hh:mm:ss[.fffffff], for example 01:30:00 or 2.00:00:00.";
    private const string DefinitionsPrefix = "#/definitions/";

    private static readonly string[] KeywordOrder =
    [
        "$ref", "type", "description", "enum", "const", "format", "pattern",
        "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "default",
        "items", "properties", "required", "additionalProperties", "anyOf", "oneOf", "allOf", "$defs",
    ];

    private static readonly HashSet<string> KeptFormats = new(StringComparer.Ordinal)
    {
        "date", "date-time", "time", "uuid", "email", "uri", "hostname", "ipv4", "ipv6",
    };

    private static readonly HashSet<string> NumericKeywords = new(StringComparer.Ordinal)
    {
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    };

    /// <summary>Normalises a parameters object whose sub-schemas live in a <c>definitions</c> member.</summary>
    /// <param name="root">The raw NJsonSchema output for the parameters object.</param>
    /// <returns>The normalised parameters object.</returns>
    public static JsonObject Normalize(JsonObject root)
    {
        var definitions = root["definitions"] as JsonObject ?? [];
        var context = new NormalizeContext(definitions);

        var result = NormalizeSchema(root, context);

        var defs = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        while (context.Recursive.FirstOrDefault(name => !defs.ContainsKey(name)) is { } name)
        {
            context.Stack.Push(name);
            defs[name] = NormalizeSchema(CloneDefinition(context, name), context);
            context.Stack.Pop();
        }

        if (defs.Count > 0)
        {
            var defsNode = new JsonObject();
            foreach (var (name, schema) in defs)
            {
                defsNode[name] = schema;
            }

            result["$defs"] = defsNode;
        }

        return Order(result);
    }

    /// <summary>Adds <c>null</c> to the values a schema accepts.</summary>
    /// <param name="schema">A normalised schema.</param>
    /// <returns>The nullable schema (the same instance, or a new <c>anyOf</c> wrapper for a reference).</returns>
    public static JsonObject MakeNullable(JsonObject schema)
    {
        if (schema["$ref"] is not null)
        {
            var wrapper = new JsonObject();
            if (schema.Remove("description", out var description))
            {
                wrapper["description"] = description;
            }

            wrapper["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" });
            return wrapper;
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            if (!anyOf.Any(IsNullSchema))
            {
                anyOf.Add((JsonNode)new JsonObject { ["type"] = "null" });
            }

            return schema;
        }

        switch (schema["type"])
        {
            case JsonValue single when single.GetValue<string>() is var type && type != "null":
                schema["type"] = new JsonArray(type, "null");
                break;
            case JsonArray types when !types.Any(t => t?.GetValue<string>() == "null"):
                types.Add((JsonNode?)JsonValue.Create("null"));
                break;
            default:
                // No type at all accepts any value, null included.
                break;
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        return schema;
    }

    /// <summary>Appends a sentence to the description of a schema.</summary>
    /// <param name="schema">The schema to describe.</param>
    /// <param name="sentence">A full sentence ending with a period.</param>
    public static void AppendDescription(JsonObject schema, string sentence)
    {
        var existing = schema["description"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(existing))
        {
            schema["description"] = sentence;
            return;
        }

        existing = existing.TrimEnd();
        var separator = existing.EndsWith('.') || existing.EndsWith('!') || existing.EndsWith('?') ? " " : ". ";
        schema["description"] = existing + separator + sentence;
    }

    /// <summary>Rewrites every schema object so its keywords appear in one fixed order.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The reordered schema.</returns>
    public static JsonObject Order(JsonObject schema)
    {
        var ordered = new JsonObject();
        var entries = schema.ToList();
        schema.Clear();
        foreach (var keyword in KeywordOrder)
        {
            var index = entries.FindIndex(e => e.Key == keyword);
            if (index >= 0)
            {
                ordered[keyword] = OrderChildren(keyword, entries[index].Value);
                entries.RemoveAt(index);
            }
        }

        foreach (var (key, value) in entries)
        {
            ordered[key] = OrderChildren(key, value);
        }

        return ordered;
    }

    /// <summary>Sets a keyword of an ordered schema where <see cref="Order"/> would put it, leaving the rest in place.</summary>
    /// <param name="schema">A schema whose keywords are in the order <see cref="Order"/> writes.</param>
    /// <param name="keyword">A keyword <see cref="Order"/> knows, such as <c>default</c>.</param>
    /// <param name="value">The keyword's value, not yet part of another node.</param>
    public static void SetOrdered(JsonObject schema, string keyword, JsonNode? value)
    {
        if (schema.ContainsKey(keyword))
        {
            schema[keyword] = value;
            return;
        }

        var rank = Array.IndexOf(KeywordOrder, keyword);
        if (rank < 0)
        {
            throw new ArgumentException($"'{keyword}' has no fixed place in a schema.", nameof(keyword));
        }

        var index = 0;
        foreach (var (key, _) in schema)
        {
            var keyRank = Array.IndexOf(KeywordOrder, key);
            if (keyRank < 0 || keyRank > rank)
            {
                break;
            }

            index++;
        }

        schema.Insert(index, keyword, value);
    }

    private static JsonNode? OrderChildren(string keyword, JsonNode? value) => (keyword, value) switch
    {
        ("properties" or "$defs", JsonObject map) => OrderMap(map),
        ("items" or "additionalProperties", JsonObject schema) => Order(schema),
        ("anyOf" or "oneOf" or "allOf", JsonArray list) => OrderList(list),
        _ => value,
    };

    private static JsonObject OrderMap(JsonObject map)
    {
        var entries = map.ToList();
        map.Clear();
        var result = new JsonObject();
        foreach (var (name, schema) in entries)
        {
            result[name] = schema is JsonObject o ? Order(o) : schema;
        }

        return result;
    }

    private static JsonArray OrderList(JsonArray list)
    {
        var items = list.ToList();
        list.Clear();
        return new JsonArray(items.Select(s => s is JsonObject o ? Order(o) : s).ToArray());
    }

    private static JsonObject NormalizeSchema(JsonObject schema, NormalizeContext context)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return NormalizeReference(schema, reference, context);
        }

        if (TryUnwrapNullable(schema, "oneOf", context, out var unwrapped)
            || TryUnwrapNullable(schema, "anyOf", context, out unwrapped)
            || TryUnwrapSingle(schema, context, out unwrapped))
        {
            return unwrapped;
        }

        var enumNames = schema["x-enumNames"] as JsonArray;
        var result = new JsonObject();
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            if (IsDropped(key) || (key is "minLength" or "minItems" && value?.GetValue<int>() == 0))
            {
                // minLength 0 ([StringLength] without a minimum) says nothing.
                continue;
            }

            result[key] = key switch
            {
                "properties" when value is JsonObject properties => NormalizeProperties(properties, context),
                "items" or "additionalProperties" when value is JsonObject child => NormalizeSchema(child, context),
                "anyOf" or "oneOf" or "allOf" when value is JsonArray list => NormalizeList(list, context),
                _ when NumericKeywords.Contains(key) => NormalizeNumber(value),
                _ => value,
            };
        }

        NormalizeType(result);
        NormalizeFormat(result);
        OrderRequired(result);
        NormalizeIntegerEnum(result, enumNames);
        CloseObject(result);
        return result;
    }

    private static JsonObject NormalizeReference(JsonObject schema, string reference, NormalizeContext context)
    {
        var name = reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal) ? reference[DefinitionsPrefix.Length..] : reference;
        schema.Remove("$ref");

        if (context.Stack.Contains(name))
        {
            // A type that contains itself cannot be inlined: keep one reference to a shared definition.
            context.Recursive.Add(name);
            var referencing = NormalizeSchema(schema, context);
            var result = new JsonObject { ["$ref"] = "#/$defs/" + name };
            foreach (var (key, value) in referencing.ToList())
            {
                referencing.Remove(key);
                result[key] = value;
            }

            return result;
        }

        var inlined = CloneDefinition(context, name);
        foreach (var (key, value) in schema.ToList())
        {
            // The referencing schema (a property's description, limits) wins over the type's own.
            schema.Remove(key);
            inlined[key] = value;
        }

        context.Stack.Push(name);
        var normalized = NormalizeSchema(inlined, context);
        context.Stack.Pop();
        return normalized;
    }

    private static bool TryUnwrapNullable(JsonObject schema, string keyword, NormalizeContext context, out JsonObject result)
    {
        result = null!;
        if (schema[keyword] is not JsonArray list || !list.Any(IsNullSchema))
        {
            return false;
        }

        var others = list.Where(s => !IsNullSchema(s)).OfType<JsonObject>().ToList();
        if (others.Count != 1)
        {
            return false;
        }

        schema.Remove(keyword);
        var inner = (JsonObject)others[0].DeepClone();
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            inner[key] = value;
        }

        result = MakeNullable(NormalizeSchema(inner, context));
        return true;
    }

    private static bool TryUnwrapSingle(JsonObject schema, NormalizeContext context, out JsonObject result)
    {
        // oneOf/anyOf/allOf with one member is that member; its keywords lose to the wrapper's own (a description).
        result = null!;
        var keyword = ((string[])["oneOf", "anyOf", "allOf"]).FirstOrDefault(k => schema[k] is JsonArray { Count: 1 } list && list[0] is JsonObject);
        if (keyword is null)
        {
            return false;
        }

        var inner = (JsonObject)((JsonArray)schema[keyword]!)[0]!.DeepClone();
        schema.Remove(keyword);
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            inner[key] = value;
        }

        result = NormalizeSchema(inner, context);
        return true;
    }

    private static JsonObject NormalizeProperties(JsonObject properties, NormalizeContext context)
    {
        var result = new JsonObject();
        foreach (var (name, value) in properties.ToList())
        {
            properties.Remove(name);
            result[name] = value is JsonObject schema ? NormalizeSchema(schema, context) : value;
        }

        return result;
    }

    private static JsonArray NormalizeList(JsonArray list, NormalizeContext context)
    {
        var items = list.ToList();
        list.Clear();
        return new JsonArray(items.Select(s => s is JsonObject o ? NormalizeSchema(o, context) : s).ToArray());
    }

    private static JsonObject CloneDefinition(NormalizeContext context, string name) =>
        context.Definitions[name] is JsonObject definition
            ? (JsonObject)definition.DeepClone()
            : throw new InvalidOperationException($"The generated schema references '{name}', which it does not define.");

    private static bool IsDropped(string key) =>
        key is "$schema" or "title" or "definitions" or "readOnly" or "writeOnly"
        || key.StartsWith("x-", StringComparison.Ordinal);

    private static bool IsNullSchema(JsonNode? node) =>
        node is JsonObject o && o.Count == 1 && o["type"] is JsonValue v && v.GetValue<string>() == "null";

    private static JsonNode? NormalizeNumber(JsonNode? value)
    {
        if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
        {
            var parsed = decimal.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            return parsed == decimal.Truncate(parsed) && parsed is >= long.MinValue and <= long.MaxValue
                ? JsonValue.Create((long)parsed)
                : JsonValue.Create(parsed);
        }

        return value;
    }

    private static void NormalizeType(JsonObject schema)
    {
        // NJsonSchema writes ["null","string"]; models and people read ["string","null"].
        if (schema["type"] is JsonArray types)
        {
            var names = types.Select(t => t!.GetValue<string>()).ToList();
            types.Clear();
            foreach (var name in names.Where(n => n != "null").Concat(names.Where(n => n == "null")))
            {
                types.Add((JsonNode?)JsonValue.Create(name));
            }
        }
    }

    private static void NormalizeFormat(JsonObject schema)
    {
        if (schema["format"]?.GetValue<string>() is not { } format)
        {
            return;
        }

        switch (format)
        {
            case "guid":
                schema["format"] = "uuid";
                break;
            case "duration" or "time-span":
                schema.Remove("format");
                schema["pattern"] = TimeSpanPattern;
                AppendDescription(schema, TimeSpanNote);
                break;
            case var kept when KeptFormats.Contains(kept):
                break;
            default:
                // int32, int64, double, float, decimal, byte, phone… carry nothing a model acts on.
                schema.Remove("format");
                break;
        }
    }

    private static void NormalizeIntegerEnum(JsonObject schema, JsonArray? names)
    {
        // Only without a JsonStringEnumConverter: the names travel as x-enumNames next to integer values.
        if (schema["enum"] is not JsonArray values || names is null || !HasType(schema, "integer"))
        {
            return;
        }

        var pairs = values.Zip(names, (v, n) => $"{v?.ToJsonString()} = {n?.GetValue<string>()}");
        AppendDescription(schema, "Values: " + string.Join(", ", pairs) + ".");
    }

    private static void OrderRequired(JsonObject schema)
    {
        // NJsonSchema lists markers first and constructor parameters after; the model reads them in property order.
        if (schema["required"] is not JsonArray required || schema["properties"] is not JsonObject properties)
        {
            return;
        }

        var names = required.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        required.Clear();
        foreach (var (name, _) in properties)
        {
            if (names.Contains(name))
            {
                required.Add((JsonNode?)JsonValue.Create(name));
            }
        }
    }

    private static void CloseObject(JsonObject schema)
    {
        if (HasType(schema, "object") && !schema.ContainsKey("additionalProperties"))
        {
            schema["additionalProperties"] = false;
        }
    }

    private static bool HasType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue single => single.GetValue<string>() == type,
        JsonArray types => types.Any(t => t?.GetValue<string>() == type),
        _ => false,
    };

    private sealed class NormalizeContext(JsonObject definitions)
    {
        public JsonObject Definitions { get; } = definitions;

        public Stack<string> Stack { get; } = new();

        public SortedSet<string> Recursive { get; } = new(StringComparer.Ordinal);
    }
}
