using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Flireo.Tools.SourceGeneration;

/// <summary>A JSON schema object under construction, written with its keywords in the order the runtime's normaliser uses.</summary>
/// <remarks>
/// Values are <see cref="string"/>, <see cref="bool"/>, <see cref="JsonNumber"/>, <see cref="SchemaNode"/>,
/// <see cref="List{T}"/> of values, or <see langword="null"/>. Property maps (<c>properties</c>) keep insertion order.
/// </remarks>
internal sealed class SchemaNode
{
    // SchemaNormalizer.KeywordOrder in Flireo.Tools: keywords it knows come first, in this order, the rest after.
    private static readonly string[] KeywordOrder =
    [
        "$ref", "type", "description", "enum", "const", "format", "pattern",
        "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "default",
        "items", "properties", "required", "additionalProperties", "anyOf", "oneOf", "allOf", "$defs",
    ];

    private readonly List<KeyValuePair<string, object?>> _entries = [];

    public bool IsMap { get; init; }

    public object? this[string key]
    {
        get
        {
            foreach (var entry in _entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }

        set
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].Key == key)
                {
                    _entries[i] = new KeyValuePair<string, object?>(key, value);
                    return;
                }
            }

            _entries.Add(new KeyValuePair<string, object?>(key, value));
        }
    }

    public bool Contains(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                return true;
            }
        }

        return false;
    }

    public void Remove(string key) => _entries.RemoveAll(e => e.Key == key);

    public string ToJson()
    {
        var builder = new StringBuilder();
        Write(builder, this);
        return builder.ToString();
    }

    private IEnumerable<KeyValuePair<string, object?>> Ordered()
    {
        if (IsMap)
        {
            foreach (var entry in _entries)
            {
                yield return entry;
            }

            yield break;
        }

        foreach (var keyword in KeywordOrder)
        {
            foreach (var entry in _entries)
            {
                if (entry.Key == keyword)
                {
                    yield return entry;
                }
            }
        }

        foreach (var entry in _entries)
        {
            if (Array.IndexOf(KeywordOrder, entry.Key) < 0)
            {
                yield return entry;
            }
        }
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                WriteString(builder, text);
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case JsonNumber number:
                builder.Append(number.Text);
                break;
            case SchemaNode node:
                builder.Append('{');
                var first = true;
                foreach (var entry in node.Ordered())
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, entry.Key);
                    builder.Append(':');
                    Write(builder, entry.Value);
                }

                builder.Append('}');
                break;
            case List<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, list[i]);
                }

                builder.Append(']');
                break;
            default:
                throw new InvalidOperationException("Unexpected schema value " + value.GetType().Name);
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}

/// <summary>A JSON number kept as the exact text System.Text.Json writes for it.</summary>
internal sealed record JsonNumber(string Text)
{
    public static JsonNumber Integer(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes a number as the runtime's normaliser does for schema limits: an integer when whole, else a decimal.</summary>
    public static JsonNumber Limit(decimal value) =>
        value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue
            ? Integer((long)value)
            : new(value.ToString(CultureInfo.InvariantCulture));
}
