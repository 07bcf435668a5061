using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flireo.Tools.SourceGeneration;

/// <summary>Writes a tool's generated call: a direct invoker (no reflection, no expression compilation) and the JSON contract of each parameter.</summary>
/// <remarks>
/// A contract is made of the converters System.Text.Json's reflection resolver picks under the runtime's default options
/// (the built-in ones, the string enum converter, and Flireo.Tools' finite-number and time-of-day converters), so reading an
/// argument through it gives the value and the error the reflection binder gives. Types without an exact contract get
/// none, and the runtime binds those parameters by reflection.
/// </remarks>
internal static class CallBuilder
{
    private const string Support = "global::Flireo.Tools.SourceGeneration.GeneratedToolSupport";
    private const string Metadata = "global::System.Text.Json.Serialization.Metadata.JsonMetadataServices";

    /// <summary>Writes the <c>GeneratedToolCall</c> expression of a valid tool method.</summary>
    /// <param name="method">The tool method.</param>
    /// <param name="isInjected">Tells which parameters the runtime fills without the model.</param>
    /// <returns>A C# expression.</returns>
    public static string Build(IMethodSymbol method, System.Func<IParameterSymbol, bool> isInjected)
    {
        var type = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var arguments = string.Join(", ", method.Parameters.Select((p, i) => $"({ToolModelBuilder.TypeOfOperand(p.Type)})args[{i}]!"));
        var receiver = method.IsStatic ? type : $"(({type})target!)";
        var call = $"{receiver}.{Identifier(method.Name)}({arguments})";
        var invoke = ReturnKind(method.ReturnType) switch
        {
            Kind.Void => $"static (target, args) => {{ {call}; return default; }}",
            Kind.Task => $"static (target, args) => {Support}.Await({call})",
            _ => $"static (target, args) => new global::System.Threading.Tasks.ValueTask<object?>({call})",
        };
        var target = method.IsStatic ? "null" : $"{Support}.Target<{type}>";
        var contracts = method.Parameters.Select(p => isInjected(p) ? "null" : Contract(p.Type) ?? "null");
        var acceptsNull = method.Parameters.Select(p => AcceptsNull(p) ? "true" : "false");
        var validators = method.IsOverride ? null : method.Parameters.Select(Validators).ToList();
        var validatorList = validators is null
            ? string.Empty
            : $", Validators = new global::System.ComponentModel.DataAnnotations.ValidationAttribute[]?[] {{ {string.Join(", ", validators.Select(v => v ?? "null"))} }}";
        return $"new global::Flireo.Tools.SourceGeneration.GeneratedToolCall({invoke}, {target}, "
            + $"static options => new global::System.Text.Json.Serialization.Metadata.JsonTypeInfo?[] {{ {string.Join(", ", contracts)} }}) "
            + $"{{ AcceptsNull = new bool[] {{ {string.Join(", ", acceptsNull)} }}{validatorList} }}";
    }

    private const string ValidationAttribute = "System.ComponentModel.DataAnnotations.ValidationAttribute";

    // The parameter's DataAnnotations validators as code, in the order reflection returns them, or null when one of them
    // cannot be written exactly (an attribute the generated code cannot create, a float that is not finite); the runtime
    // then reads that parameter's attributes by reflection.
    private static string? Validators(IParameterSymbol parameter)
    {
        var created = new System.Collections.Generic.List<string>();
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is not { } type || !DerivesFrom(type, ValidationAttribute))
            {
                continue;
            }

            if (Creation(attribute, type) is not { } expression)
            {
                return null;
            }

            created.Add(expression);
        }

        return $"new global::System.ComponentModel.DataAnnotations.ValidationAttribute[] {{ {string.Join(", ", created)} }}";
    }

    private static string? Creation(AttributeData attribute, INamedTypeSymbol type)
    {
        if (type.DeclaredAccessibility != Accessibility.Public || type.ContainingType is not null || type.IsGenericType
            || attribute.AttributeConstructor is not { DeclaredAccessibility: Accessibility.Public })
        {
            return null;
        }

        var arguments = attribute.ConstructorArguments.Select(Constant).ToList();
        var named = attribute.NamedArguments.Select(a => Constant(a.Value) is { } value ? $"{a.Key} = {value}" : null).ToList();
        if (arguments.Any(a => a is null) || named.Any(a => a is null))
        {
            return null;
        }

        var initializer = named.Count > 0 ? $" {{ {string.Join(", ", named)} }}" : string.Empty;
        return $"new {ToolModelBuilder.TypeOfOperand(type)}({string.Join(", ", arguments)}){initializer}";
    }

    // A typed constant as a C# expression of its own type, so the same constructor overload is chosen.
    private static string? Constant(TypedConstant constant)
    {
        if (constant.Type is null)
        {
            return null;
        }

        if (constant.Kind == TypedConstantKind.Array)
        {
            if (constant.IsNull)
            {
                return $"({ToolModelBuilder.TypeOfOperand(constant.Type)})null";
            }

            var items = constant.Values.Select(Constant).ToList();
            return constant.Type is IArrayTypeSymbol array && items.All(i => i is not null)
                ? $"new {ToolModelBuilder.TypeOfOperand(array.ElementType)}[] {{ {string.Join(", ", items)} }}"
                : null;
        }

        if (constant.Value is float single && (float.IsNaN(single) || float.IsInfinity(single)))
        {
            return null;
        }

        var type = ToolModelBuilder.TypeOfOperand(constant.Type);
        return constant.Kind switch
        {
            TypedConstantKind.Type => constant.Value is ITypeSymbol operand ? $"typeof({ToolModelBuilder.TypeOfOperand(operand)})" : $"({type})null",
            _ when constant.IsNull => $"({type})null",
            TypedConstantKind.Enum or TypedConstantKind.Primitive => $"({type})({ToolModelBuilder.Literal(constant.Value)})",
            _ => null,
        };
    }

    private static bool DerivesFrom(INamedTypeSymbol type, string baseName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (ToolModelBuilder.FullMetadataName(current) == baseName)
            {
                return true;
            }
        }

        return false;
    }

    // What NullabilityInfoContext says of the parameter's write state, which the binder reads by reflection otherwise: a
    // nullable value type, or a reference type annotated nullable or marked [AllowNull] and not [DisallowNull]; a reference
    // type in nullable-oblivious code is not taken to accept null.
    private static bool AcceptsNull(IParameterSymbol parameter)
    {
        if (parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
        {
            return true;
        }

        if (parameter.Type.IsValueType)
        {
            return false;
        }

        var attributes = parameter.GetAttributes().Select(a => a.AttributeClass?.ToDisplayString()).ToList();
        return !attributes.Contains("System.Diagnostics.CodeAnalysis.DisallowNullAttribute")
            && (attributes.Contains("System.Diagnostics.CodeAnalysis.AllowNullAttribute") || parameter.NullableAnnotation == NullableAnnotation.Annotated);
    }

    private enum Kind
    {
        Void,
        Task,
        Value,
    }

    // As ToolInvoker: exactly Task, ValueTask, Task<T> and ValueTask<T> are awaited; any other value is the result.
    private static Kind ReturnKind(ITypeSymbol returnType)
    {
        if (returnType.SpecialType == SpecialType.System_Void)
        {
            return Kind.Void;
        }

        return ToolModelBuilder.FullMetadataName(returnType.OriginalDefinition) is "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask"
            or "System.Threading.Tasks.Task`1" or "System.Threading.Tasks.ValueTask`1"
            ? Kind.Task
            : Kind.Value;
    }

    /// <summary>Writes the contract of a parameter type, or returns <see langword="null"/> when there is no exact one.</summary>
    private static string? Contract(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return Contract(nullable.TypeArguments[0]) is { } inner ? $"{Support}.Nullable(options, {inner})" : null;
        }

        var converter = type.SpecialType switch
        {
            SpecialType.System_String => $"{Metadata}.StringConverter",
            SpecialType.System_Char => $"{Metadata}.CharConverter",
            SpecialType.System_Boolean => $"{Metadata}.BooleanConverter",
            SpecialType.System_Byte => $"{Metadata}.ByteConverter",
            SpecialType.System_SByte => $"{Metadata}.SByteConverter",
            SpecialType.System_Int16 => $"{Metadata}.Int16Converter",
            SpecialType.System_UInt16 => $"{Metadata}.UInt16Converter",
            SpecialType.System_Int32 => $"{Metadata}.Int32Converter",
            SpecialType.System_UInt32 => $"{Metadata}.UInt32Converter",
            SpecialType.System_Int64 => $"{Metadata}.Int64Converter",
            SpecialType.System_UInt64 => $"{Metadata}.UInt64Converter",
            SpecialType.System_Single => $"{Support}.SingleConverter",
            SpecialType.System_Double => $"{Support}.DoubleConverter",
            SpecialType.System_Decimal => $"{Metadata}.DecimalConverter",
            SpecialType.System_DateTime => $"{Metadata}.DateTimeConverter",
            _ => ToolModelBuilder.FullMetadataName(type) switch
            {
                "System.DateTimeOffset" => $"{Metadata}.DateTimeOffsetConverter",
                "System.DateOnly" => $"{Metadata}.DateOnlyConverter",
                "System.TimeOnly" => $"{Support}.TimeOnlyConverter",
                "System.TimeSpan" => $"{Metadata}.TimeSpanConverter",
                "System.Guid" => $"{Metadata}.GuidConverter",
                "System.Uri" => $"{Metadata}.UriConverter",
                _ => null,
            },
        };
        if (converter is not null)
        {
            return $"{Support}.Value(options, {converter})";
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return $"{Support}.Enum<{ToolModelBuilder.TypeOfOperand(type)}>(options)";
        }

        // The collections System.Text.Json's reflection resolver reads with the converter chosen here (IEnumerableConverterFactory).
        if (type is IArrayTypeSymbol { Rank: 1 } array && array.ElementType.SpecialType is not SpecialType.System_Byte)
        {
            return Contract(array.ElementType) is { } items ? $"{Support}.Array(options, {items})" : null;
        }

        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named || Contract(named.TypeArguments[0]) is not { } element)
        {
            return null;
        }

        var collection = ToolModelBuilder.TypeOfOperand(type);
        var elementType = ToolModelBuilder.TypeOfOperand(named.TypeArguments[0]);
        return named.OriginalDefinition.SpecialType switch
        {
            SpecialType.System_Collections_Generic_IList_T => $"{Support}.IList<{collection}, {elementType}>(options, {element})",
            SpecialType.System_Collections_Generic_ICollection_T => $"{Support}.ICollection<{collection}, {elementType}>(options, {element})",
            SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IReadOnlyList_T
                or SpecialType.System_Collections_Generic_IReadOnlyCollection_T => $"{Support}.IEnumerable<{collection}, {elementType}>(options, {element})",
            _ when ToolModelBuilder.FullMetadataName(named.OriginalDefinition) == "System.Collections.Generic.List`1" => $"{Support}.List(options, {element})",
            _ => null,
        };
    }

    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
