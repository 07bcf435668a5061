using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flireo.Tools.SourceGeneration;

/// <summary>Reads one <c>[FlireoTool]</c> method into a <see cref="ToolModel"/>, with the scanner's checks as diagnostics.</summary>
/// <remarks>The messages are the reflection scanner's (src/Flireo.Tools/Invocation/ToolScanner.cs), word for word.</remarks>
internal static class ToolModelBuilder
{
    public static ToolResult Build(IMethodSymbol method, AttributeData attribute, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var location = LocationInfo.From(method.Locations.FirstOrDefault());
        void Problem(DiagnosticDescriptor descriptor, string message) =>
            diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, new EquatableArray<string>([message])));

        var explicitName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var name = explicitName ?? JsonNames.DeriveToolName(method.Name);
        if (!JsonNames.IsValidToolName(name))
        {
            Problem(Diagnostics.InvalidName, $"The tool name '{name}' is invalid: it must match ^[A-Za-z_][A-Za-z0-9_-]{{0,63}}$ (start with a letter or underscore; letters, digits, '_' and '-'; at most 64 characters). Set a valid name with [FlireoTool(\"valid_name\")].");
        }

        if (method.DeclaredAccessibility != Accessibility.Public)
        {
            Problem(Diagnostics.NotPublic, "Tool methods must be public. Make the method public or remove [FlireoTool].");
        }

        var type = method.ContainingType;
        if (method.IsGenericMethod || IsGenericContext(type))
        {
            Problem(Diagnostics.Generic, "Tool methods cannot be generic (open generic types have no JSON schema). Use concrete types.");
            return new ToolResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        if (!method.IsStatic && (type.IsAbstract || type.TypeKind == TypeKind.Interface))
        {
            Problem(Diagnostics.AbstractInstance, "Instance tool methods must be on a concrete class. Make the class non-abstract or the method static.");
        }

        var settings = Settings(attribute);
        var timeout = settings.TryGetValue("TimeoutSeconds", out var t) && t is double seconds ? seconds : 0;
        if (timeout < 0 || double.IsNaN(timeout) || double.IsInfinity(timeout))
        {
            Problem(Diagnostics.InvalidTimeout, "TimeoutSeconds must be a positive number of seconds (or 0 for the global limit).");
        }

        CheckHandOff(settings, timeout, Problem);

        var modelNames = new List<string>();
        var properties = new SchemaNode { IsMap = true };
        var required = new List<object?>();
        string? fallback = null;
        foreach (var parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (parameter.RefKind != RefKind.None)
            {
                Problem(Diagnostics.ByRefParameter, $"Parameter '{parameter.Name}' is ref/out/in: tool parameters must be passed by value. Return the value instead.");
                continue;
            }

            if (parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || parameter.Type.IsRefLikeType)
            {
                Problem(Diagnostics.UnbindableParameter, $"Parameter '{parameter.Name}' has type '{ReflectionName(parameter.Type)}', which cannot be bound. Use an ordinary type.");
                continue;
            }

            if (IsInjected(parameter) || MayBeService(parameter.Type))
            {
                continue;
            }

            var jsonName = JsonNames.CamelCase(parameter.Name);
            if (modelNames.Contains(jsonName))
            {
                Problem(Diagnostics.DuplicateJsonName, $"Two parameters have the JSON name '{jsonName}'. Rename one of them.");
                continue;
            }

            modelNames.Add(jsonName);
            if (fallback is not null)
            {
                continue;
            }

            var schema = SchemaBuilder.BuildParameter(parameter, SchemaBuilder.Description(parameter), out var reason);
            if (schema is null)
            {
                fallback = reason;
                continue;
            }

            properties[jsonName] = schema;
            if (!parameter.HasExplicitDefaultValue && !IsNullable(parameter))
            {
                required.Add(jsonName);
            }
        }

        CheckReturnType(method, settings, Problem);

        var description = settings.TryGetValue("Description", out var d) && d is string text ? text : SchemaBuilder.Description(method);
        string? schemaJson = null;
        if (fallback is null)
        {
            var root = new SchemaNode { ["type"] = "object", ["properties"] = properties };
            if (required.Count > 0)
            {
                root["required"] = required;
            }

            root["additionalProperties"] = false;
            schemaJson = root.ToJson();
        }
        else if (diagnostics.Count == 0)
        {
            diagnostics.Add(new DiagnosticInfo(Diagnostics.SchemaFromReflection.Id, location, new EquatableArray<string>([name, fallback])));
        }

        var model = new ToolModel(
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            ReflectionFullName(type),
            method.Name,
            new EquatableArray<string>(method.Parameters.Select(p => TypeOfOperand(p.Type))),
            AttributeExpression(attribute),
            name,
            description,
            schemaJson is null ? null : new EquatableArray<string>(modelNames),
            schemaJson,
            CallBuilder.Build(method, p => IsInjected(p) || MayBeService(p.Type)),
            location);
        return new ToolResult(model, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static void CheckHandOff(Dictionary<string, object?> settings, double timeout, System.Action<DiagnosticDescriptor, string> problem)
    {
        var after = settings.TryGetValue("HandOffAfterSeconds", out var a) && a is double seconds ? seconds : 0;
        var message = settings.TryGetValue("HandOffMessage", out var m) ? m as string : null;
        var isAsync = settings.TryGetValue("Async", out var async) && async is true;
        if (after < 0 || double.IsNaN(after) || double.IsInfinity(after))
        {
            problem(Diagnostics.InvalidHandOff, "HandOffAfterSeconds must be a positive number of seconds (or 0 never to hand off).");
            return;
        }

        if (after == 0)
        {
            if (message is not null)
            {
                problem(Diagnostics.InvalidHandOff, "HandOffMessage needs HandOffAfterSeconds: set after how many seconds the tool hands off, or remove HandOffMessage.");
            }

            return;
        }

        if (isAsync)
        {
            problem(Diagnostics.InvalidHandOff, "HandOffAfterSeconds is for sync tools: an async tool is answered at once. Remove Async = true (and use HandOffAfterSeconds) or remove HandOffAfterSeconds (and use AnnounceResult).");
        }
        else if (timeout <= after)
        {
            problem(Diagnostics.InvalidHandOff, string.Format(CultureInfo.InvariantCulture, "A tool that hands off needs TimeoutSeconds longer than HandOffAfterSeconds ({0:0.###}): it is how long the tool may run in total, for example TimeoutSeconds = 60.", after));
        }

        if (message is not null && string.IsNullOrWhiteSpace(message))
        {
            problem(Diagnostics.InvalidHandOff, "HandOffMessage must not be empty: it is the answer the model reads. Remove it for the default text.");
        }
    }

    private static void CheckReturnType(IMethodSymbol method, Dictionary<string, object?> settings, System.Action<DiagnosticDescriptor, string> problem)
    {
        var returnType = method.ReturnType;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly || returnType.IsRefLikeType || returnType is IPointerTypeSymbol
            || (returnType is INamedTypeSymbol { IsGenericType: true } g && FullMetadataName(g.OriginalDefinition) == "System.Collections.Generic.IAsyncEnumerable`1"))
        {
            problem(Diagnostics.UnsupportedReturn, $"The return type '{ReflectionName(returnType) + (method.ReturnsByRef || method.ReturnsByRefReadonly ? "&" : string.Empty)}' is not supported. Return a value, Task<T>, ValueTask<T>, Task, ValueTask or void.");
            return;
        }

        var isAsync = settings.TryGetValue("Async", out var async) && async is true;
        var announce = settings.TryGetValue("AnnounceResult", out var a) && a is true;
        if (announce && !isAsync)
        {
            problem(Diagnostics.AnnounceNeedsAsync, "AnnounceResult needs Async = true: a sync tool's result is already its answer. Add Async = true or remove AnnounceResult.");
        }

        var valueType = ValueType(returnType);
        if (isAsync && !announce && valueType is not null && FullMetadataName(valueType) != "Flireo.Tools.ToolResult")
        {
            problem(Diagnostics.UnreadAsyncResult, $"The async tool returns '{ReflectionName(valueType)}', but nobody reads the result of an async tool (Flireo does not wait for it). Return Task, ValueTask, void or ToolResult, set AnnounceResult = true to speak the result into the call, or make the tool sync by removing Async = true.");
        }
    }

    private static ITypeSymbol? ValueType(ITypeSymbol returnType)
    {
        if (returnType.SpecialType == SpecialType.System_Void)
        {
            return null;
        }

        var name = FullMetadataName(returnType.OriginalDefinition);
        return name switch
        {
            "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask" => null,
            "System.Threading.Tasks.Task`1" or "System.Threading.Tasks.ValueTask`1" => ((INamedTypeSymbol)returnType).TypeArguments[0],
            _ => returnType,
        };
    }

    private static bool IsGenericContext(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInjected(IParameterSymbol parameter)
    {
        var typeName = FullMetadataName(parameter.Type);
        if (typeName is "System.Threading.CancellationToken" or "Flireo.Tools.ToolCallContext" or "System.IServiceProvider")
        {
            return true;
        }

        return parameter.GetAttributes().Any(a => a.AttributeClass?.Name is "FromServicesAttribute" or "FromKeyedServicesAttribute");
    }

    // An interface or abstract class that is not a collection can only come from the container: the runtime checks that its
    // own list of model parameters matches this one before it uses the generated schema.
    private static bool MayBeService(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Interface
            ? !type.AllInterfaces.Append((INamedTypeSymbol)type).Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            : type.IsAbstract && type.TypeKind == TypeKind.Class;

    private static bool IsNullable(IParameterSymbol parameter) =>
        parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T }
        || (parameter.Type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.Annotated);

    private static Dictionary<string, object?> Settings(AttributeData attribute)
    {
        var settings = new Dictionary<string, object?>();
        foreach (var argument in attribute.NamedArguments)
        {
            // AsyncResponse is the legacy name of Message: setting either sets the one value.
            settings[argument.Key == "AsyncResponse" ? "Message" : argument.Key] = argument.Value.Value;
        }

        return settings;
    }

    private static string AttributeExpression(AttributeData attribute)
    {
        var arguments = attribute.ConstructorArguments.Length == 1 ? Literal(attribute.ConstructorArguments[0].Value) : string.Empty;
        var named = attribute.NamedArguments.Select(a => $"{(a.Key == "AsyncResponse" ? "Message" : a.Key)} = {Literal(a.Value.Value)}");
        return $"new global::Flireo.Tools.FlireoToolAttribute({arguments}) {{ {string.Join(", ", named)} }}";
    }

    internal static string Literal(object? value) => value switch
    {
        null => "null",
        string text => SymbolDisplay.FormatLiteral(text, quote: true),
        bool flag => flag ? "true" : "false",
        double number when double.IsNaN(number) => "double.NaN",
        double number when double.IsPositiveInfinity(number) => "double.PositiveInfinity",
        double number when double.IsNegativeInfinity(number) => "double.NegativeInfinity",
        double number => number.ToString("R", CultureInfo.InvariantCulture) + "D",
        _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
    };

    internal static string TypeOfOperand(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeOfFormat);

    private static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>The name reflection's <c>Type.Name</c> gives.</summary>
    internal static string ReflectionName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => ReflectionName(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]",
        IPointerTypeSymbol pointer => ReflectionName(pointer.PointedAtType) + "*",
        _ => type.MetadataName,
    };

    /// <summary>The name reflection's <c>Type.FullName</c> gives for a non-generic type.</summary>
    internal static string ReflectionFullName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? ReflectionFullName(outer) + "+" + type.MetadataName : FullMetadataName(type);

    internal static string FullMetadataName(ITypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
}
