using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Flireo.Tools.Invocation;

/// <summary>Binds the model's arguments to the model parameters of a tool, with messages the model can act on.</summary>
[RequiresUnreferencedCode(TrimmingMessages.ToolJson)]
[RequiresDynamicCode(TrimmingMessages.ToolJson)]
internal static class ArgumentBinder
{
    /// <summary>Reads the arguments into <paramref name="values"/> (model parameters only) or returns why it cannot.</summary>
    /// <param name="tool">The tool being called.</param>
    /// <param name="bindings">The tool's parameter bindings, in method order.</param>
    /// <param name="arguments">The arguments element: an object, a string holding one, or undefined/null.</param>
    /// <param name="options">The serializer options shared with the schema generator.</param>
    /// <param name="values">The method argument array; model parameter slots are filled.</param>
    /// <returns><see langword="null"/> on success, else an error message naming the tool and parameter.</returns>
    public static string? Bind(string tool, ParameterBinding[] bindings, JsonElement arguments, JsonSerializerOptions options, object?[] values)
    {
        JsonDocument? parsed = null;
        try
        {
            switch (arguments.ValueKind)
            {
                case JsonValueKind.Object:
                    break;
                case JsonValueKind.Undefined:
                case JsonValueKind.Null:
                    arguments = default;
                    break;
                case JsonValueKind.String:
                    if (!TryParseEmbedded(arguments, out parsed))
                    {
                        return $"The arguments for tool '{tool}' must be a JSON object; got a string that is not one.";
                    }

                    arguments = parsed!.RootElement;
                    break;
                default:
                    return $"The arguments for tool '{tool}' must be a JSON object; got {Kind(arguments.ValueKind)}.";
            }

            for (var i = 0; i < bindings.Length; i++)
            {
                var binding = bindings[i];
                if (binding.Source != ParameterSource.Model)
                {
                    continue;
                }

                var error = BindOne(tool, binding, arguments, options, out values[i]);
                if (error is not null)
                {
                    return error;
                }
            }

            return null;
        }
        catch (InvalidOperationException)
        {
            // A name or string escapes a lone UTF-16 surrogate ("\ud800"): valid JSON that no .NET string can hold.
            return $"The arguments for tool '{tool}' contain text that is not valid Unicode.";
        }
        finally
        {
            parsed?.Dispose();
        }
    }

    private static string? BindOne(string tool, ParameterBinding binding, JsonElement arguments, JsonSerializerOptions options, out object? value)
    {
        var model = binding.Model!;
        value = null;
        if (arguments.ValueKind != JsonValueKind.Object || !TryFind(arguments, model.Name, out var element))
        {
            if (model.IsRequired)
            {
                return $"Missing required parameter '{model.Name}' for tool '{tool}': expected {TypeFacts.Describe(binding.Type)}.";
            }

            value = binding.FallbackValue;
            return Validate(tool, binding, value);
        }

        if (element.ValueKind == JsonValueKind.Null)
        {
            if (!binding.AcceptsNull && !model.HasDefaultValue)
            {
                return $"Parameter '{model.Name}' of tool '{tool}' must not be null: expected {TypeFacts.Describe(binding.Type)}.";
            }

            value = binding.Parameter.HasDefaultValue ? binding.FallbackValue : null;
            return Validate(tool, binding, value);
        }

        try
        {
            // A string for a string parameter read by the built-in converter is its own text: no serializer round trip.
            value = element.ValueKind == JsonValueKind.String && IsPlainString(binding, options) && TryGetText(element) is { } text
                ? text
                : binding.TypeInfo is { } contract ? element.Deserialize(contract) : DeserializeByReflection(element, binding.Type, options);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p && p != "$" ? $" at {p.TrimStart('$').TrimStart('.')}" : string.Empty;
            return $"Parameter '{model.Name}' of tool '{tool}' has an invalid value{path}: expected {TypeFacts.Describe(binding.Type)}.";
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            return $"Parameter '{model.Name}' of tool '{tool}' has an invalid value: expected {TypeFacts.Describe(binding.Type)}.";
        }

        if (binding.EnumType is { } enumType && value is not null && !Enum.IsDefined(enumType, value))
        {
            return $"Parameter '{model.Name}' of tool '{tool}' has an invalid value: expected {TypeFacts.Describe(enumType)}.";
        }

        if (value is null && !binding.AcceptsNull)
        {
            return $"Parameter '{model.Name}' of tool '{tool}' must not be null: expected {TypeFacts.Describe(binding.Type)}.";
        }

        return Validate(tool, binding, value);
    }

    private static bool IsPlainString(ParameterBinding binding, JsonSerializerOptions options)
    {
        if (binding.PlainString == 0)
        {
            var converter = binding.Type != typeof(string) ? null : binding.TypeInfo is { } contract ? contract.Converter : options.GetTypeInfo(typeof(string)).Converter;
            binding.PlainString = converter is not null && converter.GetType().Assembly == typeof(JsonSerializer).Assembly ? 1 : 2;
        }

        return binding.PlainString == 1;
    }

    // The text of a JSON string, or null when it escapes a lone surrogate: the serializer then reports it as it always has.
    private static string? TryGetText(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // Reached only for parameters without a generated contract (docs/native-aot.md).
    private static object? DeserializeByReflection(JsonElement element, Type type, JsonSerializerOptions options) => element.Deserialize(type, options);

    private static string? Validate(string tool, ParameterBinding binding, object? value)
    {
        var name = binding.Model!.Name;
        if (binding.Validators.Length > 0)
        {
            var context = new ValidationContext(value ?? binding) { MemberName = name, DisplayName = name };
            foreach (var validator in binding.Validators)
            {
                var result = Check(validator, value, context, name);
                if (result is not null && result != ValidationResult.Success)
                {
                    return $"Parameter '{name}' of tool '{tool}' is invalid: {result.ErrorMessage}";
                }
            }
        }

        if (binding.IsComplex && value is not null)
        {
            return ValidateObject(tool, name, value);
        }

        if (binding.HasComplexElements && value is System.Collections.IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                if (item is not null && ValidateObject(tool, $"{name}[{index}]", item) is { } error)
                {
                    return error;
                }

                index++;
            }
        }

        return null;
    }

    // [Range(1, 20)] converts the value to int before comparing: 1e10 for a long or double parameter overflows, which is
    // out of the range, not a server error.
    private static ValidationResult? Check(ValidationAttribute validator, object? value, ValidationContext context, string name)
    {
        try
        {
            return validator.GetValidationResult(value, context);
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException or FormatException)
        {
            return new ValidationResult(validator.FormatErrorMessage(name));
        }
    }

    private static string? ValidateObject(string tool, string path, object value)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            foreach (var (property, validators) in ConstructorParameterValidators.Get(value.GetType()))
            {
                var propertyValue = property.GetValue(value);
                var memberName = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                var context = new ValidationContext(value) { MemberName = property.Name, DisplayName = memberName };
                foreach (var validator in validators)
                {
                    if (validator.GetValidationResult(propertyValue, context) is { } failed && failed != ValidationResult.Success)
                    {
                        return $"Parameter '{path}.{memberName}' of tool '{tool}' is invalid: {failed.ErrorMessage}";
                    }
                }
            }

            return null;
        }

        var first = results[0];
        var member = first.MemberNames.FirstOrDefault();
        var where = member is null ? path : $"{path}.{JsonNamingPolicy.CamelCase.ConvertName(member)}";
        return $"Parameter '{where}' of tool '{tool}' is invalid: {first.ErrorMessage}";
    }

    private static bool TryFind(JsonElement arguments, string name, out JsonElement value)
    {
        if (arguments.TryGetProperty(name, out value))
        {
            return true;
        }

        // Models sometimes switch casing ("guest_count" for "guestCount"): match ignoring case and underscores.
        foreach (var property in arguments.EnumerateObject())
        {
            if (LooselyEquals(property.Name, name))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    private static bool LooselyEquals(string candidate, string name)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < candidate.Length && (candidate[i] == '_' || candidate[i] == '-'))
            {
                i++;
            }

            while (j < name.Length && (name[j] == '_' || name[j] == '-'))
            {
                j++;
            }

            if (i == candidate.Length || j == name.Length)
            {
                return i == candidate.Length && j == name.Length;
            }

            if (char.ToUpperInvariant(candidate[i]) != char.ToUpperInvariant(name[j]))
            {
                return false;
            }

            i++;
            j++;
        }
    }

    private static bool TryParseEmbedded(JsonElement text, out JsonDocument? document)
    {
        document = null;
        var raw = text.GetString();
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return false;
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        document.Dispose();
        document = null;
        return false;
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString(),
    };
}
