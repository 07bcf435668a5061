using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Flireo.Tools.Dashboard;

/// <summary>Turns a tool's parameter schema into form fields, and a posted form back into the tool's arguments object.</summary>
internal static class ToolForm
{
    /// <summary>The prefix of the form field of each argument.</summary>
    public const string FieldPrefix = "arg:";

    /// <summary>The form field that carries a whole arguments object as JSON, in place of the fields.</summary>
    public const string RawField = "raw";

    /// <summary>Reads the top-level properties of an object schema.</summary>
    /// <param name="schema">The tool's <see cref="ToolDescriptor.ParametersSchema"/>.</param>
    /// <returns>One field per property, in schema order.</returns>
    public static IReadOnlyList<FormField> Fields(JsonElement schema)
    {
        var fields = new List<FormField>();
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    required.Add(item.GetString()!);
                }
            }
        }

        foreach (var property in properties.EnumerateObject())
        {
            var value = property.Value;
            var description = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            IReadOnlyList<JsonElement>? choices = null;
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array)
            {
                choices = e.EnumerateArray().Where(static c => c.ValueKind != JsonValueKind.Null).Select(static c => c.Clone()).ToList();
            }

            var kind = choices is not null ? FieldKind.Choice : TypeOf(value) switch
            {
                "string" => FieldKind.Text,
                "integer" => FieldKind.Integer,
                "number" => FieldKind.Number,
                "boolean" => FieldKind.Boolean,
                _ => FieldKind.Json,
            };
            var format = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            fields.Add(new FormField(property.Name, kind, required.Contains(property.Name), description, choices, format));
        }

        return fields;
    }

    /// <summary>Builds the arguments object from a posted form.</summary>
    /// <param name="fields">The fields of the tool.</param>
    /// <param name="form">The posted form.</param>
    /// <param name="error">Why the form cannot become arguments, when it cannot.</param>
    /// <returns>The arguments, or <see langword="null"/> with <paramref name="error"/>.</returns>
    /// <remarks>A value that does not fit its field's type is sent as a string, so the tool's binder answers as it would to the model.</remarks>
    public static JsonObject? Arguments(IReadOnlyList<FormField> fields, IFormCollection form, out string? error)
    {
        error = null;
        var raw = form[RawField].ToString();
        if (!string.IsNullOrWhiteSpace(raw))
        {
            try
            {
                if (JsonNode.Parse(raw) is JsonObject parsed)
                {
                    return parsed;
                }
            }
            catch (JsonException)
            {
            }

            error = "The arguments JSON must be one JSON object, such as {\"name\": \"value\"}.";
            return null;
        }

        var arguments = new JsonObject();
        foreach (var field in fields)
        {
            var text = form[FieldPrefix + field.Name].ToString();
            if (text.Length == 0)
            {
                continue;
            }

            switch (field.Kind)
            {
                case FieldKind.Integer when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole):
                    arguments[field.Name] = whole;
                    break;
                case FieldKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                    arguments[field.Name] = number;
                    break;
                case FieldKind.Boolean when bool.TryParse(text, out var flag):
                    arguments[field.Name] = flag;
                    break;
                case FieldKind.Choice when field.Choices!.FirstOrDefault(c => ChoiceText(c) == text) is { ValueKind: not JsonValueKind.Undefined } choice:
                    arguments[field.Name] = JsonNode.Parse(choice.GetRawText());
                    break;
                case FieldKind.Json:
                    try
                    {
                        arguments[field.Name] = JsonNode.Parse(text);
                    }
                    catch (JsonException)
                    {
                        error = $"The field '{field.Name}' must hold JSON, such as {{\"key\": \"value\"}}, [1, 2] or \"text\".";
                        return null;
                    }

                    break;
                default:
                    arguments[field.Name] = text;
                    break;
            }
        }

        return arguments;
    }

    /// <summary>Gets the text a choice is shown and posted as.</summary>
    public static string ChoiceText(JsonElement choice) => choice.ValueKind == JsonValueKind.String ? choice.GetString()! : choice.GetRawText();

    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            string? found = null;
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() != "null")
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = item.GetString();
                }
            }

            return found;
        }

        return null;
    }
}

/// <summary>The kind of input a schema property gets.</summary>
internal enum FieldKind
{
    Text,
    Integer,
    Number,
    Boolean,
    Choice,
    Json,
}

/// <summary>One form field: a top-level property of the tool's parameter schema.</summary>
internal sealed record FormField(string Name, FieldKind Kind, bool Required, string? Description, IReadOnlyList<JsonElement>? Choices, string? Format);
