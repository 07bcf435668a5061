using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Flireo.Tools.SourceGeneration;

/// <summary>The generator's diagnostics: the problems the reflection scanner reports at startup, found at compile time.</summary>
/// <remarks>
/// Each id is stable. The message is the scanner's own text, fix included, so the compiler and a failed startup say the
/// same thing. FLTG100 is informational: a tool whose schema the generator cannot write exactly keeps the reflection one.
/// </remarks>
internal static class Diagnostics
{
    private const string Category = "Flireo.Tools";

    public static readonly DiagnosticDescriptor InvalidName = Error("FLTG001", "Invalid tool name");
    public static readonly DiagnosticDescriptor DuplicateName = new(
        "FLTG002", "Duplicate tool name", "{0}", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
    public static readonly DiagnosticDescriptor NotPublic = Error("FLTG003", "Tool method is not public");
    public static readonly DiagnosticDescriptor Generic = Error("FLTG004", "Tool method is generic");
    public static readonly DiagnosticDescriptor AbstractInstance = Error("FLTG005", "Instance tool method on an abstract type");
    public static readonly DiagnosticDescriptor InvalidTimeout = Error("FLTG006", "Invalid TimeoutSeconds");
    public static readonly DiagnosticDescriptor InvalidHandOff = Error("FLTG007", "Invalid hand-off settings");
    public static readonly DiagnosticDescriptor ByRefParameter = Error("FLTG008", "Parameter passed by reference");
    public static readonly DiagnosticDescriptor UnbindableParameter = Error("FLTG009", "Parameter type cannot be bound");
    public static readonly DiagnosticDescriptor DuplicateJsonName = Error("FLTG010", "Two parameters share a JSON name");
    public static readonly DiagnosticDescriptor UnsupportedReturn = Error("FLTG011", "Unsupported return type");
    public static readonly DiagnosticDescriptor AnnounceNeedsAsync = Error("FLTG012", "AnnounceResult needs Async");
    public static readonly DiagnosticDescriptor UnreadAsyncResult = Error("FLTG013", "Async tool returns a value nobody reads");

    public static readonly DiagnosticDescriptor SchemaFromReflection = new(
        "FLTG100",
        "Schema left to the reflection path",
        "The schema of tool '{0}' is generated at startup by reflection: {1}",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true);

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new[]
    {
        InvalidName, DuplicateName, NotPublic, Generic, AbstractInstance, InvalidTimeout, InvalidHandOff,
        ByRefParameter, UnbindableParameter, DuplicateJsonName, UnsupportedReturn, AnnounceNeedsAsync, UnreadAsyncResult,
        SchemaFromReflection,
    }.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title) =>
        new(id, title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
