namespace Flireo.Examples.Docs.Tests.Markdown;

/// <summary>Markdown between <c>&lt;!-- generated: name --&gt;</c> and <c>&lt;!-- /generated --&gt;</c>.</summary>
/// <param name="Marker">The opening marker.</param>
/// <param name="Content">The lines between the two markers, joined with <c>\n</c>, without leading and trailing blank lines.</param>
internal sealed record GeneratedSection(Marker Marker, string Content);
