namespace Flireo.Examples.Docs.Tests.Markdown;

/// <summary>A fenced code block of a page, with the marker comment on the line above it, if any.</summary>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Language">The info string after the fence, such as <c>csharp</c>; empty when none.</param>
/// <param name="Content">The lines between the fences, joined with <c>\n</c>.</param>
/// <param name="Marker">The marker above the fence, or <see langword="null"/>.</param>
internal sealed record CodeBlock(int Line, string Language, string Content, Marker? Marker);
