namespace Flireo.Examples.Docs.Tests.Support;

/// <summary>Finds the files of the repository the tests were built from.</summary>
internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>Gets the repository root: the folder that holds Flireo.Tools.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Gets the full path of a file given relative to the root with '/' separators.</summary>
    public static string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Gets a full path relative to the root, with '/' separators.</summary>
    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Lists the pages the tests check: every Markdown file in docs/ and the repository README.</summary>
    public static IReadOnlyList<string> Pages()
    {
        var pages = Directory.EnumerateFiles(PathOf("docs"), "*.md", SearchOption.AllDirectories).Select(Relative).Order(StringComparer.Ordinal).ToList();
        if (File.Exists(PathOf("README.md")))
        {
            pages.Add("README.md");
        }

        return pages;
    }

    /// <summary>Tells whether a page is one of the docs pages, which follow the stricter rules (every C# block quoted).</summary>
    public static bool IsDocsPage(string page) => page.StartsWith("docs/", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Flireo.Tools.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Flireo.Tools.sln was not found above {AppContext.BaseDirectory}; the docs tests read the repository's files.");
    }
}
