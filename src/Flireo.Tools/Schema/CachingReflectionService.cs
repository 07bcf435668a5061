using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Flireo.Tools.Invocation;
using NJsonSchema.Generation;

namespace Flireo.Tools.Schema;

/// <summary>
/// NJsonSchema's System.Text.Json reflection service with a cheaper enum value converter. The stock converter serialises
/// each enum value with fresh <see cref="JsonSerializerOptions"/>, which builds serializer metadata (and compiles a
/// converter) for every enum type: about a sixth of the time to describe a thousand tools. With the default options'
/// string enum converter the names are read from the enum's fields instead, exactly as that converter writes them.
/// </summary>
[RequiresUnreferencedCode(TrimmingMessages.SchemaReflection)]
[RequiresDynamicCode(TrimmingMessages.SchemaReflection)]
internal sealed class CachingReflectionService : SystemTextJsonReflectionService
{
    private readonly Dictionary<Type, Dictionary<object, string>?> _names = [];
    private Func<object, string?>? _enumValueConverter;

    public override Func<object, string?> GetEnumValueConverter(SystemTextJsonSchemaGeneratorSettings settings)
    {
        if (_enumValueConverter is null)
        {
            var serialize = base.GetEnumValueConverter(settings);
            var options = settings.SerializerOptions;
            _enumValueConverter = value => TryGetName(value, options) ?? serialize(value);
        }

        return _enumValueConverter;
    }

    /// <summary>Gets the name the default string enum converter writes for a declared member of an enum.</summary>
    /// <param name="value">The value.</param>
    /// <param name="options">The serializer options in use.</param>
    /// <returns>The name, or <see langword="null"/> to let System.Text.Json decide (not an enum, another converter, aliased values, not a member).</returns>
    public string? TryGetName(object value, JsonSerializerOptions options)
    {
        var type = value.GetType();
        if (!type.IsEnum)
        {
            return null;
        }

        if (!_names.TryGetValue(type, out var names))
        {
            names = ReadNames(type, options);
            _names.Add(type, names);
        }

        return names is not null && names.TryGetValue(value, out var name) ? name : null;
    }

    private static Dictionary<object, string>? ReadNames(Type type, JsonSerializerOptions options)
    {
        if (options.Converters.FirstOrDefault(c => c.CanConvert(type)) is not DefaultStringEnumConverter)
        {
            return null;
        }

        var names = new Dictionary<object, string>();
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
            if (!names.TryAdd(field.GetValue(null)!, name))
            {
                return null;
            }
        }

        return names;
    }
}
