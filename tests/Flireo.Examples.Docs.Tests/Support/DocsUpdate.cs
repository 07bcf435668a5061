using Flireo.Examples.Docs.Tests.Markdown;

namespace Flireo.Examples.Docs.Tests.Support;

/// <summary>Rewrites quoted snippets and outputs in the pages when <c>FLIREO_UPDATE_DOCS=1</c>, instead of failing.</summary>
internal static class DocsUpdate
{
    public const string Variable = "FLIREO_UPDATE_DOCS";

    public const string Hint = "Update the page by hand, or run the docs tests once with FLIREO_UPDATE_DOCS=1 (dotnet test tests/Flireo.Examples.Docs.Tests), which rewrites every quoted block from the code; then review the diff.";

    private static readonly Lock Gate = new();

    public static bool IsOn => Environment.GetEnvironmentVariable(Variable) is "1" or "true";

    /// <summary>Reads a page; tests that rewrite pages take the same lock, so they never lose each other's changes.</summary>
    public static MarkdownPage Read(string page)
    {
        lock (Gate)
        {
            return MarkdownPage.Parse(page, File.ReadAllText(Repository.PathOf(page)));
        }
    }

    /// <summary>Replaces the body under a marker with new content.</summary>
    public static void Rewrite(string page, Marker marker, string content)
    {
        lock (Gate)
        {
            var current = MarkdownPage.Parse(page, File.ReadAllText(Repository.PathOf(page)));
            var same = current.Markers.Single(m => m.Kind == marker.Kind && m.Argument == marker.Argument);
            File.WriteAllText(Repository.PathOf(page), current.Replace(same, content));
        }
    }
}
