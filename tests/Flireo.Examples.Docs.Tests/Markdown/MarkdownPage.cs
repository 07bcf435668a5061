using System.Text.RegularExpressions;

namespace Flireo.Examples.Docs.Tests.Markdown;

/// <summary>Reads the parts of a Markdown page the docs tests check: code blocks, marker comments, links and headings.</summary>
internal sealed partial class MarkdownPage
{
    private MarkdownPage(string path, string[] lines)
    {
        Path = path;
        Lines = lines;
        Parse();
    }

    /// <summary>Gets the page's path relative to the repository root.</summary>
    public string Path { get; }

    /// <summary>Gets the page's lines, without line ends.</summary>
    public string[] Lines { get; }

    /// <summary>Gets the fenced code blocks in page order.</summary>
    public List<CodeBlock> CodeBlocks { get; } = [];

    /// <summary>Gets the generated sections in page order.</summary>
    public List<GeneratedSection> GeneratedSections { get; } = [];

    /// <summary>Gets the link and image targets outside code, in page order.</summary>
    public List<Link> Links { get; } = [];

    /// <summary>Gets the GitHub anchors of the page's headings.</summary>
    public HashSet<string> Anchors { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets what is wrong with the page's markers, such as a snippet marker with no code block under it.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Gets every marker of the page: those above code blocks and those opening generated sections.</summary>
    public IEnumerable<Marker> Markers => CodeBlocks.Where(b => b.Marker is not null).Select(b => b.Marker!).Concat(GeneratedSections.Select(s => s.Marker));

    public static MarkdownPage Parse(string path, string text) => new(path, text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));

    /// <summary>Returns the page text with the body of the block or section under a marker replaced.</summary>
    /// <param name="marker">The marker, as found by this page.</param>
    /// <param name="content">The new body, without the fences.</param>
    /// <returns>The new page text.</returns>
    public string Replace(Marker marker, string content)
    {
        // The body starts below the marker (and below the opening fence of a code block) and ends before the closing line.
        int first, end;
        if (marker.Kind == Marker.Generated)
        {
            first = marker.Line;
            end = Array.FindIndex(Lines, first, l => l.Trim() == "<!-- /generated -->");
            var inner = new List<string> { string.Empty };
            inner.AddRange(content.Split('\n'));
            inner.Add(string.Empty);
            return Join(first, end, inner);
        }

        first = marker.Line + 1;
        var fence = FenceOf(Lines[marker.Line]);
        end = Array.FindIndex(Lines, first, l => IsClosingFence(l, fence!));
        return Join(first, end, content.Split('\n'));
    }

    private string Join(int first, int end, IEnumerable<string> body)
    {
        var lines = new List<string>(Lines[..first]);
        lines.AddRange(body);
        lines.AddRange(Lines[end..]);
        return string.Join('\n', lines);
    }

    private void Parse()
    {
        var slugs = new Dictionary<string, int>(StringComparer.Ordinal);
        Marker? pending = null;
        for (var i = 0; i < Lines.Length; i++)
        {
            var line = Lines[i];
            if (FenceOf(line) is { } fence)
            {
                var start = i;
                var body = new List<string>();
                for (i++; i < Lines.Length && !IsClosingFence(Lines[i], fence); i++)
                {
                    body.Add(Lines[i]);
                }

                var marker = pending is { Kind: not Marker.Generated } && pending.Line == start ? pending : null;
                CodeBlocks.Add(new CodeBlock(start + 1, line.Trim().TrimStart('`', '~').Trim(), string.Join('\n', body), marker));
                pending = null;
                continue;
            }

            var markerMatch = MarkerPattern().Match(line);
            if (markerMatch.Success)
            {
                pending = new Marker(markerMatch.Groups["kind"].Value, markerMatch.Groups["argument"].Value, i + 1);
                if (pending.Kind == Marker.Generated)
                {
                    var end = Array.FindIndex(Lines, i + 1, l => l.Trim() == "<!-- /generated -->");
                    if (end < 0)
                    {
                        throw new InvalidOperationException($"{Path}:{i + 1}: {line.Trim()} has no closing <!-- /generated -->.");
                    }

                    GeneratedSections.Add(new GeneratedSection(pending, string.Join('\n', Lines[(i + 1)..end]).Trim('\n')));
                }
                else if (i + 1 >= Lines.Length || FenceOf(Lines[i + 1]) is null)
                {
                    Problems.Add($"{Path}:{i + 1}: {line.Trim()} must be on the line right above a code fence.");
                }

                continue;
            }

            if (HeadingPattern().Match(line) is { Success: true } heading)
            {
                var slug = GitHubSlug(heading.Groups["text"].Value);
                var count = slugs.GetValueOrDefault(slug);
                slugs[slug] = count + 1;
                Anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            }

            var text = InlineCodePattern().Replace(line, string.Empty);
            foreach (Match link in LinkPattern().Matches(text))
            {
                Links.Add(new Link(link.Groups["target"].Value, i + 1));
            }

            if (ReferenceDefinitionPattern().Match(text) is { Success: true } reference)
            {
                Links.Add(new Link(reference.Groups["target"].Value, i + 1));
            }
        }
    }

    /// <summary>Turns heading text into the anchor GitHub gives it: lower case, punctuation dropped, spaces to hyphens.</summary>
    public static string GitHubSlug(string heading)
    {
        var text = LinkTextPattern().Replace(heading.Trim(), "${text}").ToLowerInvariant();
        var slug = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    private static string? FenceOf(string line)
    {
        var trimmed = line.TrimStart();
        if (line.Length - trimmed.Length > 3)
        {
            return null;
        }

        var match = FencePattern().Match(trimmed);
        return match.Success ? match.Groups["fence"].Value : null;
    }

    private static bool IsClosingFence(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    [GeneratedRegex(@"^(?<fence>`{3,}|~{3,})")]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"^\s*<!--\s*(?<kind>snippet|output|generated):\s*(?<argument>\S+)\s*-->\s*$")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCodePattern();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)")]
    private static partial Regex ReferenceDefinitionPattern();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkTextPattern();
}
