using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Flireo.Tools.Invocation;

/// <summary>Describes how one method parameter gets its value; built once at startup.</summary>
internal sealed class ParameterBinding
{
    // nullable and validators: whether the parameter accepts null and its DataAnnotations validators, from the generated
    // catalog (or already read), or null to read them by reflection.
    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    public ParameterBinding(ParameterInfo parameter, ParameterSource source, ToolParameter? model, object? serviceKey, bool? nullable = null, ValidationAttribute[]? validators = null)
    {
        Parameter = parameter;
        Source = source;
        Model = model;
        ServiceKey = serviceKey;
        Type = parameter.ParameterType;
        var underlying = Nullable.GetUnderlyingType(Type);
        AcceptsNull = underlying is not null || (!Type.IsValueType && (nullable ?? TypeFacts.IsNullable(parameter)));
        FallbackValue = parameter.HasDefaultValue
            ? parameter.DefaultValue is DBNull or Missing ? DefaultOf(Type) : parameter.DefaultValue
            : DefaultOf(Type);
        if (FallbackValue is not null && underlying is { IsEnum: true } && FallbackValue.GetType() != underlying)
        {
            FallbackValue = Enum.ToObject(underlying, FallbackValue);
        }

        Validators = validators ?? parameter.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
        IsComplex = TypeFacts.IsComplexObject(underlying ?? Type);
        HasComplexElements = TypeFacts.GetElementType(underlying ?? Type) is { } element && TypeFacts.IsComplexObject(Nullable.GetUnderlyingType(element) ?? element);
        EnumType = (underlying ?? Type).IsEnum && !(underlying ?? Type).IsDefined(typeof(FlagsAttribute)) ? underlying ?? Type : null;
    }

    public ParameterInfo Parameter { get; }

    public ParameterSource Source { get; }

    public ToolParameter? Model { get; }

    public object? ServiceKey { get; }

    public Type Type { get; }

    public bool AcceptsNull { get; }

    /// <summary>Gets the value used when the model omits an optional parameter or sends null for it.</summary>
    public object? FallbackValue { get; }

    public ValidationAttribute[] Validators { get; }

    public bool IsComplex { get; }

    public bool HasComplexElements { get; }

    public Type? EnumType { get; }

    /// <summary>Gets or sets whether a JSON string binds as its own text (a <see cref="string"/> parameter read by the built-in
    /// converter): 0 not known yet, 1 yes, 2 no; set on first use by the binder.</summary>
    public int PlainString { get; set; }

    /// <summary>Gets the generated catalog's JSON contract of a model parameter, which reads it without reflection, or <see langword="null"/>.</summary>
    public JsonTypeInfo? TypeInfo { get; set; }

    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;
}
