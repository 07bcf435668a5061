using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Flireo.Tools.SourceGeneration;

/// <summary>One tool as the source generator saw it at compile time; written by the generator, not by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedTool
{
    // The tool methods are found by name, and an instance tool's class is created from the services, without scanning.
    internal const DynamicallyAccessedMemberTypes ToolTypeMembers = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors;

    private readonly byte[]? _parametersSchema;

    /// <summary>Initializes a new instance of the <see cref="GeneratedTool"/> class.</summary>
    /// <param name="toolType">The class that declares the tool method.</param>
    /// <param name="methodName">The tool method's name.</param>
    /// <param name="parameterTypes">The types of all the method's parameters, in order.</param>
    /// <param name="attribute">The method's <see cref="FlireoToolAttribute"/>, with every setting as written.</param>
    /// <param name="name">The tool name, explicit or derived.</param>
    /// <param name="description">The tool description, or <see langword="null"/>.</param>
    /// <param name="modelParameters">The JSON names of the parameters the schema lists, or <see langword="null"/> without a schema.</param>
    /// <param name="parametersSchema">The JSON schema of the arguments object as UTF-8, or <see langword="null"/> when it is generated at startup.</param>
    public GeneratedTool(
        [DynamicallyAccessedMembers(ToolTypeMembers)] Type toolType,
        string methodName,
        Type[] parameterTypes,
        FlireoToolAttribute attribute,
        string name,
        string? description,
        string[]? modelParameters,
        byte[]? parametersSchema)
    {
        ArgumentNullException.ThrowIfNull(toolType);
        ArgumentNullException.ThrowIfNull(methodName);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(name);
        ToolType = toolType;
        MethodName = methodName;
        ParameterTypes = parameterTypes;
        Attribute = attribute;
        Name = name;
        Description = description;
        ModelParameters = modelParameters;
        _parametersSchema = parametersSchema;
    }

    /// <summary>Gets the class that declares the tool method.</summary>
    [DynamicallyAccessedMembers(ToolTypeMembers)]
    public Type ToolType { get; }

    /// <summary>Gets the tool method's name.</summary>
    public string MethodName { get; }

    /// <summary>Gets the types of all the method's parameters, in order.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>Gets the method's attribute, with every setting as written in the source.</summary>
    public FlireoToolAttribute Attribute { get; }

    /// <summary>Gets the tool name.</summary>
    public string Name { get; }

    /// <summary>Gets the tool description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>Gets the JSON names of the parameters the schema lists, in order, or <see langword="null"/> without a schema.</summary>
    public IReadOnlyList<string>? ModelParameters { get; }

    /// <summary>Gets the JSON schema of the arguments object as UTF-8, or an empty span when it is generated at startup.</summary>
    public ReadOnlySpan<byte> ParametersSchema => _parametersSchema;

    /// <summary>Gets a value indicating whether the generator wrote the schema.</summary>
    public bool HasParametersSchema => _parametersSchema is not null;

    /// <summary>Gets the generated binding and direct call of the tool, or <see langword="null"/> when the catalog has none.</summary>
    public GeneratedToolCall? Call { get; init; }

    /// <summary>Finds the tool method.</summary>
    /// <returns>The method, or <see langword="null"/> when the type no longer declares it.</returns>
    public MethodInfo? FindMethod() => ToolType.GetMethod(
        MethodName,
        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly,
        binder: null,
        [.. ParameterTypes],
        modifiers: null);
}
