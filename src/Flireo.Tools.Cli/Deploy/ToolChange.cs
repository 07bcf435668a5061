namespace Flireo.Tools.Cli.Deploy;

/// <summary>Describes what a push does to one tool, for the diff output.</summary>
/// <param name="Kind">Added, changed, removed or kept.</param>
/// <param name="Label">The tool name, or the built-in's type.</param>
/// <param name="Note">Why, for kept and removed tools; <see langword="null"/> otherwise.</param>
/// <param name="Differences">The changed fields of a changed tool.</param>
internal sealed record ToolChange(ToolChangeKind Kind, string Label, string? Note = null, IReadOnlyList<JsonDifference>? Differences = null)
{
    /// <summary>Gets a value indicating whether the push changes the assistant's tool list for this tool.</summary>
    public bool IsChange => Kind is ToolChangeKind.Added or ToolChangeKind.Changed or ToolChangeKind.Removed;
}
