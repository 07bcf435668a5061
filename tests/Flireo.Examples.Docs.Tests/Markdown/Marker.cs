namespace Flireo.Examples.Docs.Tests.Markdown;

/// <summary>A marker comment that ties part of a page to the code it must equal.</summary>
/// <param name="Kind"><c>snippet</c> (a code block quoting source), <c>output</c> (a code block showing what code produces) or <c>generated</c> (Markdown up to <c>&lt;!-- /generated --&gt;</c>).</param>
/// <param name="Argument">The snippet reference or the output name.</param>
/// <param name="Line">The 1-based line of the marker.</param>
internal sealed record Marker(string Kind, string Argument, int Line)
{
    public const string Snippet = "snippet";
    public const string Output = "output";
    public const string Generated = "generated";

    public override string ToString() => $"<!-- {Kind}: {Argument} --> (line {Line})";
}
