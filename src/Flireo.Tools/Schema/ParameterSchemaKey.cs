using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.InteropServices;
using Namotion.Reflection;

namespace Flireo.Tools.Schema;

/// <summary>
/// Identifies what shapes the schema of a tool parameter apart from its description and default value: the type, the
/// nullability NJsonSchema reads at every level of it, and the parameter's attributes.
/// </summary>
/// <remarks>
/// Two parameters with equal keys get the same property schema from NJsonSchema and <see cref="SchemaNormalizer"/>,
/// so <see cref="ToolSchemaGenerator"/> generates it once. The description is left out of the key (only whether there is
/// one counts) because it is applied to the finished schema; the <see cref="DescriptionAttribute"/> it comes from is left
/// out for the same reason: NJsonSchema does not read a parameter's description itself. Attributes are compared by their
/// metadata (constructor and arguments), which is all an attribute instance is built from.
/// </remarks>
internal sealed class ParameterSchemaKey : IEquatable<ParameterSchemaKey>
{
    private readonly Type _type;
    private readonly object?[] _parts;
    private readonly int _hashCode;

    private ParameterSchemaKey(Type type, bool hasDescription, bool hasSchemaAttributes, object?[] parts)
    {
        _type = type;
        HasDescription = hasDescription;
        HasSchemaAttributes = hasSchemaAttributes;
        _parts = parts;

        var hash = new HashCode();
        hash.Add(type);
        hash.Add(hasDescription);
        foreach (var part in parts)
        {
            hash.Add(part);
        }

        _hashCode = hash.ToHashCode();
    }

    /// <summary>Gets a value indicating whether the parameter has a description for the model.</summary>
    public bool HasDescription { get; }

    /// <summary>
    /// Gets a value indicating whether the parameter carries attributes NJsonSchema may read while it generates the schemas of
    /// the types the parameter uses (anything but its description, the compiler's nullability data and optional-parameter flags).
    /// </summary>
    public bool HasSchemaAttributes { get; }

    /// <summary>Creates the key of a tool parameter.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The key.</returns>
    public static ParameterSchemaKey Create(ToolParameter parameter)
    {
        var parts = new List<object?>();
        AddNullability(parts, parameter.Parameter.ToContextualParameter().ParameterType);

        var hasSchemaAttributes = false;
        foreach (var attribute in parameter.Parameter.GetCustomAttributesData())
        {
            var attributeType = attribute.AttributeType;
            if (attributeType == typeof(DescriptionAttribute))
            {
                continue;
            }

            hasSchemaAttributes |= !IsNeutral(attributeType);
            parts.Add(attribute.Constructor);
            parts.Add(attribute.ConstructorArguments.Count);
            foreach (var argument in attribute.ConstructorArguments)
            {
                AddArgument(parts, argument);
            }

            parts.Add(attribute.NamedArguments.Count);
            foreach (var argument in attribute.NamedArguments)
            {
                parts.Add(argument.MemberInfo);
                AddArgument(parts, argument.TypedValue);
            }
        }

        return new ParameterSchemaKey(parameter.ParameterType, !string.IsNullOrWhiteSpace(parameter.Description), hasSchemaAttributes, [.. parts]);
    }

    /// <inheritdoc />
    public bool Equals(ParameterSchemaKey? other) =>
        other is not null
        && _hashCode == other._hashCode
        && _type == other._type
        && HasDescription == other.HasDescription
        && _parts.AsSpan().SequenceEqual(other._parts, EqualityComparer<object?>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ParameterSchemaKey);

    /// <inheritdoc />
    public override int GetHashCode() => _hashCode;

    // The shape of the tree follows from the type, so the nullability at each node in a fixed order identifies it.
    private static void AddNullability(List<object?> parts, ContextualType type)
    {
        parts.Add(type.Nullability);
        parts.Add(type.OriginalNullability);
        foreach (var argument in type.OriginalGenericArguments)
        {
            AddNullability(parts, argument);
        }

        if (type.ElementType is { } element)
        {
            AddNullability(parts, element);
        }
    }

    private static void AddArgument(List<object?> parts, CustomAttributeTypedArgument argument)
    {
        parts.Add(argument.ArgumentType);
        if (argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> elements)
        {
            parts.Add(elements.Count);
            foreach (var element in elements)
            {
                AddArgument(parts, element);
            }
        }
        else
        {
            parts.Add(argument.Value);
        }
    }

    private static bool IsNeutral(Type attributeType) =>
        attributeType == typeof(OptionalAttribute)
        || attributeType == typeof(InAttribute)
        || attributeType.FullName is "System.Runtime.CompilerServices.NullableAttribute" or "System.Runtime.CompilerServices.NullableContextAttribute";
}
