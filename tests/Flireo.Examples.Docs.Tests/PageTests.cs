using System.Text.Json;
using Flireo.Examples.Docs.Tests.Markdown;
using Flireo.Examples.Docs.Tests.Support;

namespace Flireo.Examples.Docs.Tests;

/// <summary>Checks the pages as a whole: markers, links, the index, and code blocks that are not quoted.</summary>
public sealed class PageTests
{
    public static TheoryData<string> Pages() => [.. Repository.Pages()];

    public static TheoryData<string> DocsPages() => [.. Repository.Pages().Where(Repository.IsDocsPage)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Markers_OnPage_AreWellFormedAndUnique(string page)
    {
        var markdown = DocsUpdate.Read(page);

        var repeated = markdown.Markers.GroupBy(m => (m.Kind, m.Argument)).Where(g => g.Count() > 1).Select(g => g.First().ToString());

        markdown.Problems.Should().BeEmpty();
        repeated.Should().BeEmpty("a page quotes each snippet or output once");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Links_OnPage_PointToExistingFilesAndHeadings(string page)
    {
        var markdown = DocsUpdate.Read(page);
        var folder = Path.GetDirectoryName(Repository.PathOf(page))!;
        var broken = new List<string>();

        foreach (var link in markdown.Links.Where(l => !l.IsExternal))
        {
            var hash = link.Target.IndexOf('#', StringComparison.Ordinal);
            var path = hash < 0 ? link.Target : link.Target[..hash];
            var anchor = hash < 0 ? null : link.Target[(hash + 1)..];
            var target = path.Length == 0 ? Repository.PathOf(page) : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(path)));
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                broken.Add($"{page}:{link.Line}: {link.Target} (no such file)");
            }
            else if (anchor is not null && target.EndsWith(".md", StringComparison.Ordinal)
                && !MarkdownPage.Parse(Repository.Relative(target), File.ReadAllText(target)).Anchors.Contains(anchor))
            {
                broken.Add($"{page}:{link.Line}: {link.Target} (no heading with that anchor)");
            }
        }

        broken.Should().BeEmpty();
    }

    [Fact]
    public void Index_LinksEveryDocsPage()
    {
        var index = DocsUpdate.Read("docs/README.md");
        var linked = index.Links.Select(l => l.Target.Split('#')[0]).ToHashSet(StringComparer.Ordinal);

        var pages = Repository.Pages().Where(p => Repository.IsDocsPage(p) && p != "docs/README.md").Select(p => p["docs/".Length..]);

        pages.Should().OnlyContain(p => linked.Contains(p), "docs/README.md is the index of the docs");
    }

    [Theory]
    [MemberData(nameof(DocsPages))]
    public void CSharpBlocks_OnDocsPage_AreAllQuotedFromCompiledCode(string page)
    {
        var markdown = DocsUpdate.Read(page);

        var unquoted = markdown.CodeBlocks.Where(b => b.Language is "csharp" or "cs" or "c#" && b.Marker is not { Kind: Marker.Snippet }).Select(b => $"{page}:{b.Line}");

        unquoted.Should().BeEmpty("every C# block on a docs page quotes code that compiles: put the code in examples/Flireo.Examples.Docs inside '#region name' and mark the block with <!-- snippet: name -->");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void JsonBlocks_OnPage_AreValidJson(string page)
    {
        var markdown = DocsUpdate.Read(page);
        var invalid = new List<string>();

        foreach (var block in markdown.CodeBlocks.Where(b => b.Language is "json" or "jsonc"))
        {
            try
            {
                using var _ = JsonDocument.Parse(block.Content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
            }
            catch (JsonException ex)
            {
                invalid.Add($"{page}:{block.Line}: {ex.Message}");
            }
        }

        invalid.Should().BeEmpty();
    }
}
