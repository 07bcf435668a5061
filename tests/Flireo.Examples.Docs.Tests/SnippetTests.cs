using Flireo.Examples.Docs.Tests.Markdown;
using Flireo.Examples.Docs.Tests.Support;

namespace Flireo.Examples.Docs.Tests;

/// <summary>Every code block marked <c>&lt;!-- snippet: … --&gt;</c> equals the source it quotes, so the pages show code that compiles.</summary>
public sealed class SnippetTests
{
    public static TheoryData<string, string> Snippets()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in Repository.Pages())
        {
            foreach (var marker in DocsUpdate.Read(page).Markers.Where(m => m.Kind == Marker.Snippet))
            {
                data.Add(page, marker.Argument);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_OnPage_EqualsTheSourceItQuotes(string page, string reference)
    {
        var block = DocsUpdate.Read(page).CodeBlocks.Single(b => b.Marker is { Kind: Marker.Snippet } m && m.Argument == reference);

        var (source, error) = SnippetSource.Resolve(reference);

        error.Should().BeNull($"{page}:{block.Line} quotes '{reference}'");
        if (block.Content != source && DocsUpdate.IsOn)
        {
            DocsUpdate.Rewrite(page, block.Marker!, source!);
            return;
        }

        block.Content.Should().Be(source, $"{page}:{block.Line} quotes '{reference}'. {DocsUpdate.Hint}");
    }
}
