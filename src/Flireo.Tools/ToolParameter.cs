using System.Reflection;

namespace Flireo.Tools;

/// <summary>Describes a tool parameter that the model fills in, as it appears in the tool's JSON schema.</summary>
public sealed class ToolParameter
{
    internal ToolParameter(ParameterInfo parameter, string name, string? description, bool isRequired)
    {
        Parameter = parameter;
        Name = name;
        Description = description;
        IsRequired = isRequired;
    }

    /// <summary>Gets the JSON property name of the parameter in the arguments object.</summary>
    public string Name { get; }

    /// <summary>Gets the reflected method parameter.</summary>
    public ParameterInfo Parameter { get; }

    /// <summary>Gets the CLR type of the parameter.</summary>
    public Type ParameterType => Parameter.ParameterType;

    /// <summary>Gets the description shown to the model, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>Gets a value indicating whether the model must supply the parameter.</summary>
    public bool IsRequired { get; }

    /// <summary>Gets a value indicating whether the parameter has a default value used when the model omits it.</summary>
    public bool HasDefaultValue => Parameter.HasDefaultValue;

    /// <summary>Gets the default value, when <see cref="HasDefaultValue"/> is <see langword="true"/>.</summary>
    public object? DefaultValue => Parameter.HasDefaultValue ? Parameter.DefaultValue : null;
}
