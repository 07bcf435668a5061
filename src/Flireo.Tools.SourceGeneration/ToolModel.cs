using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flireo.Tools.SourceGeneration;

/// <summary>What the generator learned about one <c>[FlireoTool]</c> method; compared by value between compilations.</summary>
/// <param name="ToolType">The declaring type as a <c>typeof</c> operand (<c>global::</c>-qualified).</param>
/// <param name="ToolTypeFullName">The declaring type's name as reflection's <c>Type.FullName</c> writes it.</param>
/// <param name="MethodName">The method name.</param>
/// <param name="ParameterTypes">Every parameter's type as a <c>typeof</c> operand, to find the method without scanning.</param>
/// <param name="Attribute">A C# expression that recreates the method's <c>[FlireoTool]</c> exactly.</param>
/// <param name="Name">The tool name, explicit or derived.</param>
/// <param name="Description">The tool description, or <see langword="null"/>.</param>
/// <param name="ModelParameters">The JSON names of the parameters in the schema, or <see langword="null"/> without a schema.</param>
/// <param name="Schema">The parameters schema as compact JSON, or <see langword="null"/> when it stays with the reflection path.</param>
/// <param name="Call">A C# expression that creates the tool's <c>GeneratedToolCall</c>: direct invoker and parameter contracts.</param>
/// <param name="Location">Where the method is declared, for diagnostics.</param>
internal sealed record ToolModel(
    string ToolType,
    string ToolTypeFullName,
    string MethodName,
    EquatableArray<string> ParameterTypes,
    string Attribute,
    string Name,
    string? Description,
    EquatableArray<string>? ModelParameters,
    string? Schema,
    string Call,
    LocationInfo? Location);

/// <summary>A diagnostic to report, kept as plain data so models compare by value.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Diagnostics.ById(Id), Location?.ToLocation(), [.. Arguments]);
}

/// <summary>A source location kept as plain data.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);
}

/// <summary>One tool method's model and the diagnostics found while building it.</summary>
internal sealed record ToolResult(ToolModel? Tool, EquatableArray<DiagnosticInfo> Diagnostics) : IEquatable<ToolResult>;
