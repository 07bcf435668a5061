using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Definitions;

namespace Flireo.Tools.Testing;

/// <summary>Pins the exported tool definitions to a committed JSON file, so a change to a tool shows up as a failing test and a diff.</summary>
/// <remarks>
/// <para>
/// The definitions are what the Flireo assistant lists in <c>llm_config.tools[]</c>; when a tool's name, description or
/// parameters change, the assistant must be updated too. Commit the snapshot next to the tests (or where the deployment
/// reads it) and call <see cref="AssertMatches"/> from a test.
/// </para>
/// <para>
/// On a difference the test fails with a readable summary, and the current definitions are written next to the snapshot
/// as <c>*.actual.json</c> (add <c>*.actual.json</c> to <c>.gitignore</c>). To accept a change, copy that file over the
/// snapshot, or run the tests once with the environment variable <see cref="UpdateVariable"/> set to <c>1</c>, which
/// rewrites every snapshot instead of comparing; then review and commit.
/// </para>
/// </remarks>
public static class DefinitionsSnapshot
{
    /// <summary>The environment variable that, set to <c>1</c> or <c>true</c>, rewrites snapshots instead of comparing: <c>FLIREO_UPDATE_SNAPSHOTS</c>.</summary>
    public const string UpdateVariable = "FLIREO_UPDATE_SNAPSHOTS";

    private const int ContextLines = 2;
    private const int MaxShownLines = 8;
    private const int MaxDiffCells = 4_000_000;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Checks that the definitions of a catalog's tools equal the snapshot file, and fails with a readable diff when they do not.</summary>
    /// <param name="catalog">The tools, such as <see cref="FlireoTestHost.Catalog"/> or <c>ToolCatalog.Create([typeof(MyTools)])</c>.</param>
    /// <param name="path">The snapshot file; a relative path is relative to the folder of the calling source file.</param>
    /// <param name="options">How to export the definitions (shape, casing, strict, base URL); <see langword="null"/> for the defaults (flat shape, snake_case, no <c>url</c>).</param>
    /// <param name="sourceFilePath">Filled in by the compiler with the calling source file; do not pass it.</param>
    /// <exception cref="DefinitionsSnapshotException">The definitions differ from the snapshot, or it does not exist.</exception>
    public static void AssertMatches(ToolCatalog catalog, string path, ToolDefinitionOptions? options = null, [CallerFilePath] string sourceFilePath = "")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var actual = ToolDefinitions.ToJson(catalog.Tools, options);
        Verify(ResolvePath(path, sourceFilePath), actual, UpdateRequested());
    }

    /// <summary>Checks that definitions JSON exported elsewhere, such as by <c>flireo-tools export</c>, equals the snapshot file.</summary>
    /// <param name="definitionsJson">The exported definitions, as written (flat or OpenAI shape).</param>
    /// <param name="path">The snapshot file; a relative path is relative to the folder of the calling source file.</param>
    /// <param name="sourceFilePath">Filled in by the compiler with the calling source file; do not pass it.</param>
    /// <exception cref="DefinitionsSnapshotException">The definitions differ from the snapshot, or it does not exist.</exception>
    /// <remarks>Compares the text exactly (apart from line ends), so the snapshot also pins the exporter's formatting.</remarks>
    public static void AssertJsonMatches(string definitionsJson, string path, [CallerFilePath] string sourceFilePath = "")
    {
        ArgumentNullException.ThrowIfNull(definitionsJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Verify(ResolvePath(path, sourceFilePath), definitionsJson, UpdateRequested());
    }

    /// <summary>Compares text with a snapshot file, or rewrites the file.</summary>
    /// <param name="snapshotPath">The full path of the snapshot.</param>
    /// <param name="actual">The current definitions.</param>
    /// <param name="update">Rewrites the snapshot instead of comparing.</param>
    /// <exception cref="DefinitionsSnapshotException">The text differs from the snapshot, or it does not exist.</exception>
    internal static void Verify(string snapshotPath, string actual, bool update)
    {
        var actualPath = ActualPath(snapshotPath);
        if (update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(snapshotPath)!);
            File.WriteAllText(snapshotPath, actual, Utf8NoBom);
            File.Delete(actualPath);
            return;
        }

        // A checkout with core.autocrlf may turn the snapshot's "\n" into "\r\n"; the export never changes.
        var expected = File.Exists(snapshotPath) ? File.ReadAllText(snapshotPath, Utf8NoBom).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, actual, Utf8NoBom);
        var message = new StringBuilder();
        if (expected is null)
        {
            message.AppendLine($"The definitions snapshot {snapshotPath} does not exist.");
            message.AppendLine($"The current definitions were written to {actualPath}.");
        }
        else
        {
            message.AppendLine($"The tool definitions differ from the snapshot {snapshotPath}.");
            AppendToolSummary(message, expected, actual);
            AppendFirstDifference(message, expected, actual);
            message.AppendLine($"The current definitions were written to {actualPath}; compare them with");
            message.AppendLine($"  git diff --no-index \"{snapshotPath}\" \"{actualPath}\"");
        }

        message.AppendLine("If the change is intended, accept it: copy the .actual.json file over the snapshot, or run the tests once with");
        message.AppendLine($"  {UpdateVariable}=1 dotnet test");
        message.Append("which rewrites every snapshot; then commit it, and update the tools of the Flireo assistant to match.");
        throw new DefinitionsSnapshotException(message.ToString(), snapshotPath, actualPath);
    }

    /// <summary>Finds the snapshot's full path.</summary>
    /// <param name="path">The path given by the test.</param>
    /// <param name="sourceFilePath">The calling source file, from <see cref="CallerFilePathAttribute"/>.</param>
    /// <returns>The full path.</returns>
    internal static string ResolvePath(string path, string sourceFilePath)
    {
        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        var sourceDirectory = string.IsNullOrEmpty(sourceFilePath) ? null : Path.GetDirectoryName(sourceFilePath);
        if (sourceDirectory is not null && Directory.Exists(sourceDirectory))
        {
            return Path.GetFullPath(Path.Combine(sourceDirectory, path));
        }

        // The source path is not on this machine (a path-mapped build): fall back to the test project's folder.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (directory.EnumerateFiles("*.csproj").Any())
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, path));
            }
        }

        throw new InvalidOperationException(
            $"Cannot resolve the snapshot path '{path}': the calling source file's folder '{sourceDirectory}' does not exist and no folder above {AppContext.BaseDirectory} holds a .csproj. Pass an absolute path.");
    }

    private static bool UpdateRequested()
        => Environment.GetEnvironmentVariable(UpdateVariable) is { } value
            && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static string ActualPath(string snapshotPath)
        => Path.Combine(Path.GetDirectoryName(snapshotPath)!, Path.GetFileNameWithoutExtension(snapshotPath) + ".actual" + Path.GetExtension(snapshotPath));

    private static void AppendToolSummary(StringBuilder message, string expected, string actual)
    {
        if (ReadTools(expected) is not { } before || ReadTools(actual) is not { } after)
        {
            return;
        }

        var added = after.Keys.Where(name => !before.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        var removed = before.Keys.Where(name => !after.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        var changed = after.Keys.Where(name => before.TryGetValue(name, out var old) && !JsonNode.DeepEquals(old, after[name])).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            message.AppendLine($"Tools added: {string.Join(", ", added)}.");
        }

        if (removed.Count > 0)
        {
            message.AppendLine($"Tools removed: {string.Join(", ", removed)}.");
        }

        if (changed.Count > 0)
        {
            message.AppendLine($"Tools changed: {string.Join(", ", changed)}.");
        }
    }

    private static Dictionary<string, JsonNode?>? ReadTools(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonArray items)
            {
                return null;
            }

            var tools = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var name = (item?["name"] ?? item?["function"]?["name"]) is JsonValue value && value.TryGetValue<string>(out var text) ? text : $"#{i + 1}";
                tools.TryAdd(name, item);
            }

            return tools;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void AppendFirstDifference(StringBuilder message, string expected, string actual)
    {
        var before = expected.Split('\n');
        var after = actual.Split('\n');
        var start = 0;
        while (start < before.Length && start < after.Length && before[start] == after[start])
        {
            start++;
        }

        // Trim the common tail so the diff covers only the changed region.
        int endBefore = before.Length, endAfter = after.Length;
        while (endBefore > start && endAfter > start && before[endBefore - 1] == after[endAfter - 1])
        {
            endBefore--;
            endAfter--;
        }

        if (start == endBefore && start == endAfter)
        {
            message.AppendLine("They differ only in their line ends.");
            return;
        }

        message.AppendLine($"First difference at line {start + 1} (- snapshot, + current):");
        for (var i = Math.Max(0, start - ContextLines); i < start; i++)
        {
            AppendLine(message, ' ', i, before[i]);
        }

        // Within the region every run of common lines is followed by another change: show the first hunk only.
        var changed = 0;
        var common = 0;
        foreach (var (marker, index) in Diff(before, start, endBefore, after, start, endAfter))
        {
            if (marker == ' ' ? ++common > ContextLines : ++changed > MaxShownLines * 2)
            {
                message.AppendLine("  … more differences follow");
                return;
            }

            if (marker != ' ')
            {
                common = 0;
            }

            AppendLine(message, marker, index, marker == '-' ? before[index] : after[index]);
        }

        for (var i = endAfter; i < Math.Min(after.Length, endAfter + ContextLines); i++)
        {
            AppendLine(message, ' ', i, after[i]);
        }
    }

    // A line diff of one region by longest common subsequence: ' ' for a common line (index into after),
    // '-' for a snapshot line (index into before), '+' for a current line (index into after). Very large
    // regions fall back to "all removed, then all added".
    private static IEnumerable<(char Marker, int Index)> Diff(string[] before, int beforeStart, int beforeEnd, string[] after, int afterStart, int afterEnd)
    {
        int n = beforeEnd - beforeStart, m = afterEnd - afterStart;
        if ((long)(n + 1) * (m + 1) > MaxDiffCells)
        {
            for (var i = 0; i < n; i++)
            {
                yield return ('-', beforeStart + i);
            }

            for (var j = 0; j < m; j++)
            {
                yield return ('+', afterStart + j);
            }

            yield break;
        }

        var lengths = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lengths[i, j] = before[beforeStart + i] == after[afterStart + j]
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && before[beforeStart + x] == after[afterStart + y])
            {
                yield return (' ', afterStart + y);
                x++;
                y++;
            }
            else if (y == m || (x < n && lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                yield return ('-', beforeStart + x++);
            }
            else
            {
                yield return ('+', afterStart + y++);
            }
        }
    }

    private static void AppendLine(StringBuilder message, char marker, int index, string line)
        => message.Append(marker).Append(' ').Append((index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(5)).Append(" | ").AppendLine(line);
}
