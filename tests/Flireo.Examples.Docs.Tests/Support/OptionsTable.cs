using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Flireo.Examples.Docs.Tests.Support;

/// <summary>Writes the configuration reference of an options class from the class itself: keys, defaults and XML summaries.</summary>
internal static class OptionsTable
{
    /// <summary>Writes one row per setting that configuration can bind, nested options classes included.</summary>
    /// <param name="section">The configuration section, such as <c>Flireo</c>.</param>
    /// <param name="options">A new instance, whose property values are the defaults.</param>
    /// <param name="describeDefault">Describes defaults that depend on the machine; returns <see langword="null"/> for the others.</param>
    public static string ForConfiguration(string section, object options, Func<PropertyInfo, object?, string?>? describeDefault = null)
    {
        var table = new MarkdownTable("Setting", "Environment variable", "Default", "What it does");
        AddRows(table, section, options, describeDefault);
        return table.ToString();
    }

    /// <summary>Writes one row per settable property, for options that are only set in code.</summary>
    /// <param name="options">A new instance, whose property values are the defaults.</param>
    /// <param name="describeDefault">Describes defaults the plain format does not suit; returns <see langword="null"/> for the others.</param>
    public static string ForCode(object options, Func<PropertyInfo, object?, string?>? describeDefault = null)
    {
        var table = new MarkdownTable("Property", "Default", "What it does");
        foreach (var property in Properties(options.GetType()))
        {
            var value = property.GetValue(options);
            table.Add(MarkdownTable.Code(property.Name), describeDefault?.Invoke(property, value) ?? Format(value), Describe(property));
        }

        return table.ToString();
    }

    /// <summary>Lists the properties configuration binding or code can set, in declaration order.</summary>
    public static IEnumerable<PropertyInfo> Properties(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true } || IsNested(p) || IsList(p))
        .OrderBy(p => p.MetadataToken);

    /// <summary>Tells whether configuration can bind a property: a simple value, a list of strings or a nested options class.</summary>
    public static bool IsBindable(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal) || type == typeof(Uri) || IsList(property) || IsNested(property);
    }

    private static void AddRows(MarkdownTable table, string prefix, object options, Func<PropertyInfo, object?, string?>? describeDefault)
    {
        foreach (var property in Properties(options.GetType()).Where(IsBindable))
        {
            var value = property.GetValue(options);
            var key = $"{prefix}:{property.Name}";
            if (IsNested(property))
            {
                AddRows(table, key, value!, describeDefault);
                continue;
            }

            var keyText = IsList(property) ? $"{key}:0, :1, …" : key;
            var variable = key.Replace(":", "__", StringComparison.Ordinal) + (IsList(property) ? "__0" : string.Empty);
            table.Add(MarkdownTable.Code(keyText), MarkdownTable.Code(variable), describeDefault?.Invoke(property, value) ?? Format(value), Describe(property));
        }
    }

    private static string Describe(PropertyInfo property)
    {
        var summary = Sentence(XmlDocs.Summary(property));
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            summary += Equals(range.Maximum, int.MaxValue)
                ? $" At least {range.Minimum}."
                : $" From {range.Minimum} to {range.Maximum}.";
        }

        if ((Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) is { IsEnum: true } enumType)
        {
            summary += $" One of {string.Join(", ", Enum.GetNames(enumType).Select(n => $"`{n}`"))}.";
        }

        return summary;
    }

    /// <summary>Turns a property summary ("Gets or sets the time limit…") into a table sentence ("The time limit…").</summary>
    private static string Sentence(string summary)
    {
        foreach (var (prefix, replacement) in (ReadOnlySpan<(string, string)>)[("Gets or sets a value indicating whether ", "Whether "), ("Gets or sets ", string.Empty), ("Gets ", string.Empty)])
        {
            if (summary.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = replacement + summary[prefix.Length..];
                return char.ToUpperInvariant(rest[0]) + rest[1..];
            }
        }

        return summary;
    }

    private static string Format(object? value) => value switch
    {
        null => "none",
        bool b => MarkdownTable.Code(b ? "true" : "false"),
        TimeSpan t => MarkdownTable.Code(t.Ticks % TimeSpan.TicksPerSecond == 0 ? t.ToString("c", CultureInfo.InvariantCulture) : t.ToString("c", CultureInfo.InvariantCulture).TrimEnd('0')),
        string s => MarkdownTable.Code(s),
        IEnumerable e when !e.Cast<object>().Any() => "none",
        IFormattable f => MarkdownTable.Code(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => MarkdownTable.Code(value.ToString()!),
    };

    private static bool IsList(PropertyInfo property) => property.PropertyType != typeof(string) && property.PropertyType.IsAssignableTo(typeof(IEnumerable)) && property.PropertyType.IsGenericType;

    private static bool IsNested(PropertyInfo property) => property.PropertyType.IsClass && property.PropertyType.Namespace?.StartsWith("Flireo.", StringComparison.Ordinal) == true
        && property.PropertyType.Name.EndsWith("Options", StringComparison.Ordinal);
}
