using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Flireo.Tools.Invocation;

/// <summary>
/// Finds DataAnnotations written on record primary-constructor parameters (<c>record Guest([Range(1, 9)] int Age)</c>),
/// which <see cref="Validator"/> does not see because C# puts them on the parameter, not the property.
/// </summary>
[RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
[RequiresDynamicCode(TrimmingMessages.ToolReflection)]
internal static class ConstructorParameterValidators
{
    // Weak keys: a tool type from a plugin that is unloaded (serve --watch) must not be kept alive by this cache.
    private static readonly ConditionalWeakTable<Type, (PropertyInfo Property, ValidationAttribute[] Validators)[]> Cache = new();

    public static (PropertyInfo Property, ValidationAttribute[] Validators)[] Get(Type type) => Cache.GetValue(type, Find);

    private static (PropertyInfo, ValidationAttribute[])[] Find(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null)
        {
            return [];
        }

        var found = new List<(PropertyInfo, ValidationAttribute[])>();
        foreach (var parameter in constructor.GetParameters())
        {
            var validators = parameter.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
            var property = type.GetProperty(parameter.Name ?? string.Empty, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (validators.Length == 0 || property is null || property.GetMethod is null)
            {
                continue;
            }

            // Attributes also present on the property are checked by Validator already.
            var own = validators.Where(v => !property.IsDefined(v.GetType(), inherit: true)).ToArray();
            if (own.Length > 0)
            {
                found.Add((property, own));
            }
        }

        return [.. found];
    }
}
