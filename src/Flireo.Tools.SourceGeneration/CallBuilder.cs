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
        return $"new global::Flireo.Tools.SourceGeneration.GeneratedToolCall({invoke}, {target}, "
            + $"static options => new global::System.Text.Json.Serialization.Metadata.JsonTypeInfo?[] {{ {string.Join(", ", contracts)} }}) "
            + $"{{ AcceptsNull = new bool[] {{ {string.Join(", ", acceptsNull)} }} }}";
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
