using System.Text.RegularExpressions;
using Flireo.Examples.Docs.Tests.Support;

namespace Flireo.Examples.Docs.Tests.Markdown;

/// <summary>Finds the source text a snippet marker quotes.</summary>
/// <remarks>
/// A reference is one of:
/// <list type="bullet">
/// <item><c>name</c>: the lines between <c>#region name</c> and its <c>#endregion</c> in a .cs file under examples/ or tests/;</item>
/// <item><c>path/to/File.cs</c>: a whole file (any file, given relative to the repository root);</item>
/// <item><c>path/to/File.cs#Member</c>: one member with its attributes (not its XML docs): a method, property, or type.</item>
/// </list>
/// The text is unindented so that its least indented line starts at column 0; nested region lines are left out.
/// </remarks>
internal static partial class SnippetSource
{
    private static readonly string[] RegionFolders = ["examples", "tests"];

    private static readonly Lazy<Dictionary<string, List<(string File, string Text)>>> Regions = new(ReadRegions);

    /// <summary>Finds the text a reference points at.</summary>
    /// <param name="reference">The argument of the snippet marker.</param>
    /// <returns>The text, or the reason it cannot be found.</returns>
    public static (string? Text, string? Error) Resolve(string reference)
    {
        if (!reference.Contains('/', StringComparison.Ordinal))
        {
            if (!Regions.Value.TryGetValue(reference, out var found))
            {
                return (null, $"No '#region {reference}' was found in the .cs files under {string.Join(" or ", RegionFolders.Select(f => f + "/"))}.");
            }

            return found.Count == 1
                ? (found[0].Text, null)
                : (null, $"'#region {reference}' is defined {found.Count} times: {string.Join(", ", found.Select(f => f.File))}. Region names must be unique.");
        }

        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? reference : reference[..hash];
        var fullPath = Repository.PathOf(path);
        if (!File.Exists(fullPath))
        {
            return (null, $"The file {path} does not exist.");
        }

        var lines = ReadLines(fullPath);
        if (hash < 0)
        {
            return (string.Join('\n', lines).TrimEnd('\n'), null);
        }

        var member = reference[(hash + 1)..];
        return ExtractMember(lines, member) is { } text
            ? (text, null)
            : (null, $"No single declaration of '{member}' was found in {path} (a line starting with an access modifier that declares it).");
    }

    private static string? ExtractMember(string[] lines, string member)
    {
        var declaration = new Regex($@"^\s*(public|internal|protected|private)\b[^=;]*?(\b(class|record|struct|interface|enum)\s+{Regex.Escape(member)}\b|\b{Regex.Escape(member)}\s*(<[^>]*>)?\s*\(|\b{Regex.Escape(member)}\s*(\{{|=>|$))");
        var matches = Enumerable.Range(0, lines.Length).Where(i => declaration.IsMatch(lines[i])).ToList();
        if (matches.Count != 1)
        {
            return null;
        }

        var at = matches[0];
        var indent = lines[at][..(lines[at].Length - lines[at].TrimStart().Length)];
        // Take the attributes above the declaration, including ones written over several lines, but not the XML docs.
        var first = at;
        for (var probe = at - 1; probe >= 0; probe--)
        {
            var line = lines[probe];
            if (line.StartsWith(indent + "[", StringComparison.Ordinal))
            {
                first = probe;
            }
            else if (!line.StartsWith(indent + " ", StringComparison.Ordinal) || line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                break;
            }
        }

        // A block body ends at the closing brace on the declaration's indentation; an expression body at the first ';'.
        var last = -1;
        for (var i = at; i < lines.Length; i++)
        {
            if (lines[i] == indent + "{")
            {
                last = Array.IndexOf(lines, indent + "}", i);
                break;
            }

            if (lines[i].TrimEnd().EndsWith(';') || lines[i].TrimEnd().EndsWith('}'))
            {
                last = i;
                break;
            }
        }

        return last < 0 ? null : Unindent(lines[first..(last + 1)]);
    }

    private static Dictionary<string, List<(string File, string Text)>> ReadRegions()
    {
        var regions = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var folder in RegionFolders)
        {
            foreach (var file in Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Repository.Relative(file);
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = ReadLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (RegionStart().Match(lines[i]) is { Success: true } start)
                    {
                        var name = start.Groups["name"].Value;
                        if (!regions.TryGetValue(name, out var list))
                        {
                            regions[name] = list = [];
                        }

                        list.Add((relative, ReadRegion(lines, i + 1)));
                    }
                }
            }
        }

        return regions;
    }

    private static string ReadRegion(string[] lines, int first)
    {
        var body = new List<string>();
        var depth = 1;
        for (var i = first; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("#region", StringComparison.Ordinal))
            {
                depth++;
                continue;
            }

            if (trimmed.StartsWith("#endregion", StringComparison.Ordinal) && --depth == 0)
            {
                break;
            }

            if (!trimmed.StartsWith("#endregion", StringComparison.Ordinal))
            {
                body.Add(lines[i]);
            }
        }

        return Unindent([.. body]);
    }

    private static string Unindent(string[] lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        var text = string.Join('\n', lines.Select(l => l.Trim().Length == 0 ? string.Empty : l[indent..].TrimEnd()));
        return text.Trim('\n');
    }

    private static string[] ReadLines(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    [GeneratedRegex(@"^\s*#region\s+(?<name>\S+)\s*$")]
    private static partial Regex RegionStart();
}
