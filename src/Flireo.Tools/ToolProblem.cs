using System.Reflection;

namespace Flireo.Tools;

/// <summary>Describes one problem found while scanning tool methods, naming where it is and how to fix it.</summary>
/// <param name="Type">The tool class, when known.</param>
/// <param name="Method">The tool method, when known.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record ToolProblem(Type? Type, MethodInfo? Method, string Message)
{
    /// <summary>Gets where the problem is, as <c>Namespace.Type.Method</c>.</summary>
    public string Location => Method is not null ? $"{Type?.FullName ?? Method.DeclaringType?.FullName}.{Method.Name}" : Type?.FullName ?? "(unknown)";

    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}
