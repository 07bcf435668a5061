using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Invocation;

/// <summary>Answers questions about parameter types: nullability, support, and how to describe them to the model.</summary>
[RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
[RequiresDynamicCode(TrimmingMessages.ToolReflection)]
internal static class TypeFacts
{
    private static readonly HashSet<Type> Scalars =
    [
        typeof(string), typeof(char), typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int),
        typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(Half), typeof(Int128),
        typeof(UInt128), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan),
        typeof(Guid), typeof(Uri), typeof(Version),
    ];

    private static readonly HashSet<Type> AnyJson = [typeof(object), typeof(JsonElement), typeof(JsonNode), typeof(JsonObject), typeof(JsonArray), typeof(JsonValue), typeof(JsonDocument)];


    public static bool IsNullable(ParameterInfo parameter)
    {
        if (Nullable.GetUnderlyingType(parameter.ParameterType) is not null)
        {
            return true;
        }

        if (parameter.ParameterType.IsValueType)
        {
            return false;
        }

        // A context per question (this runs while tools are scanned, not per call): a shared one caches modules and
        // members for good, which would keep a plugin loaded for 'serve --watch' from ever unloading.
        return new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;
    }

    public static bool IsComplexObject(Type type)
        => !Scalars.Contains(type) && !type.IsEnum && !AnyJson.Contains(type) && GetElementType(type) is null && !type.IsPrimitive;

    /// <summary>Returns why the model cannot fill a parameter of this type, or <see langword="null"/> when it can.</summary>
    public static string? GetUnsupportedReason(Type type) => GetUnsupportedReason(type, []);

    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            return names.Length <= 12 ? "one of " + string.Join(", ", names.Select(n => $"'{n}'")) : $"a {type.Name} value";
        }

        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(char) => "a single character",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort)
                || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong)
                || type == typeof(Int128) || type == typeof(UInt128) => "an integer",
            _ when type == typeof(float) || type == typeof(double) || type == typeof(decimal) || type == typeof(Half) => "a number",
            _ when type == typeof(DateOnly) => "a date like 2025-12-31",
            _ when type == typeof(TimeOnly) => "a time like 19:30 or 19:30:00",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "an ISO 8601 date-time like 2025-12-31T19:30:00Z",
            _ when type == typeof(TimeSpan) => "a duration like 01:30:00",
            _ when type == typeof(Guid) => "a UUID",
            _ when type == typeof(Uri) => "a URL",
            _ when GetElementType(type) is { } element => element == typeof(object) || IsComplexObject(Nullable.GetUnderlyingType(element) ?? element)
                ? "an array"
                : $"an array whose items are each {Describe(element)}",
            _ when AnyJson.Contains(type) => "a JSON value",
            _ => "an object",
        };
    }

    /// <summary>Gets the element type of an array or a list-like collection, or <see langword="null"/>.</summary>
    public static Type? GetElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (GetDictionaryValueType(type) is not null)
        {
            return null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }

        return typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;
    }

    public static Type? GetDictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IDictionary<,>) || type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments() is [var key, var value] ? (key == typeof(string) ? value : typeof(void)) : null;
    }

    private static string? GetUnsupportedReason(Type type, HashSet<Type> visiting)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalars.Contains(type) || type.IsEnum || AnyJson.Contains(type))
        {
            return null;
        }

        if (type.IsPointer || type.IsByRef || type.IsByRefLike)
        {
            return $"'{type.Name}' cannot be read from JSON";
        }

        if (type.ContainsGenericParameters)
        {
            return $"open generic type '{type.Name}' cannot be read from JSON";
        }

        if (typeof(Delegate).IsAssignableFrom(type) || typeof(Task).IsAssignableFrom(type) || type == typeof(ValueTask)
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>)) || typeof(Stream).IsAssignableFrom(type)
            || typeof(MemberInfo).IsAssignableFrom(type) || type == typeof(IntPtr) || type == typeof(UIntPtr) || typeof(IDisposable).IsAssignableFrom(type))
        {
            return $"'{type.Name}' is not a data type the model can send";
        }

        if (GetDictionaryValueType(type) is { } valueType)
        {
            return valueType == typeof(void) ? $"dictionary '{type.Name}' must have string keys" : GetUnsupportedReason(valueType, visiting);
        }

        if (GetElementType(type) is { } elementType)
        {
            if (type.IsInterface && !type.IsAssignableFrom(typeof(List<>).MakeGenericType(elementType)) && !type.IsAssignableFrom(typeof(HashSet<>).MakeGenericType(elementType)))
            {
                return $"collection interface '{type.Name}' cannot be created from JSON";
            }

            return GetUnsupportedReason(elementType, visiting);
        }

        if (type.IsInterface || type.IsAbstract)
        {
            return $"'{type.Name}' is an interface or abstract class: the model can only send concrete data (register it as a service or mark the parameter [FromServices] if it is one)";
        }

        if (!visiting.Add(type))
        {
            return null;
        }

        if (!type.IsValueType && type.GetConstructor(Type.EmptyTypes) is null && type.GetConstructors().Length != 1
            && !type.GetConstructors().Any(c => c.IsDefined(typeof(System.Text.Json.Serialization.JsonConstructorAttribute))))
        {
            return $"'{type.Name}' has no public parameterless constructor and no single public constructor to deserialise with";
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || property.IsDefined(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute)))
            {
                continue;
            }

            if (GetUnsupportedReason(property.PropertyType, visiting) is { } reason)
            {
                return $"property '{type.Name}.{property.Name}': {reason}";
            }
        }

        return null;
    }
}
