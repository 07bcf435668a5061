using Flireo.Examples.Docs.Tests.Markdown;
using Flireo.Examples.Docs.Tests.Outputs;
using Flireo.Examples.Docs.Tests.Support;

namespace Flireo.Examples.Docs.Tests;

/// <summary>Every block marked <c>&lt;!-- output: … --&gt;</c> or <c>&lt;!-- generated: … --&gt;</c> shows what the code really produces.</summary>
public sealed class OutputTests
{
    public static TheoryData<string, string> Outputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in Repository.Pages())
        {
            foreach (var marker in DocsUpdate.Read(page).Markers.Where(m => m.Kind is Marker.Output or Marker.Generated))
            {
                data.Add(page, marker.Argument);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task Output_OnPage_EqualsWhatTheCodeProduces(string page, string name)
    {
        var markdown = DocsUpdate.Read(page);
        var marker = markdown.Markers.Single(m => m.Kind is Marker.Output or Marker.Generated && m.Argument == name);
        var shown = marker.Kind == Marker.Output
            ? markdown.CodeBlocks.Single(b => b.Marker == marker).Content
            : markdown.GeneratedSections.Single(s => s.Marker == marker).Content;
        DocOutputs.Exists(name).Should().BeTrue($"{page}:{marker.Line} shows the output '{name}', so a method marked [DocOutput(\"{name}\")] must produce it");

        var actual = await DocOutputs.ProduceAsync(name);

        if (shown != actual && DocsUpdate.IsOn)
        {
            DocsUpdate.Rewrite(page, marker, actual);
            return;
        }

        shown.Should().Be(actual, $"{page}:{marker.Line} shows the output '{name}'. {DocsUpdate.Hint}");
    }

    [Fact]
    public void Producers_EachOne_IsShownOnAPage()
    {
        var shown = Repository.Pages().SelectMany(p => DocsUpdate.Read(p).Markers).Select(m => m.Argument).ToHashSet(StringComparer.Ordinal);

        var unused = DocOutputs.Names.Where(n => !shown.Contains(n));

        unused.Should().BeEmpty("every [DocOutput] producer is there for a page; remove producers no page shows");
    }
}
