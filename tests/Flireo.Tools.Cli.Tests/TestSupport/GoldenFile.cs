using System.Text;
using Xunit.Sdk;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>Compares command output with a golden file kept in the test project's source folder.</summary>
/// <remarks>
/// On a mismatch (or a missing file) the output is written next to the golden file as <c>*.actual.json</c> (ignored by
/// git) and the test fails naming both files. With <c>FLIREO_UPDATE_SNAPSHOTS=1</c>, the switch that also rewrites the
/// definitions snapshots (<c>DefinitionsSnapshot</c>) of the other test projects, the golden file is rewritten instead;
/// the older <c>FLIREO_UPDATE_GOLDEN=1</c> does the same. Files are read and written in the source folder, not the build
/// output, so an accepted change shows in the git diff. Tests that pin a catalog's definitions use the public
/// <c>DefinitionsSnapshot</c> instead; this is for text the CLI prints.
/// </remarks>
internal static class GoldenFile
{
    public const string UpdateVariable = "FLIREO_UPDATE_SNAPSHOTS";

    private const string FormerUpdateVariable = "FLIREO_UPDATE_GOLDEN";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly Lazy<string> ProjectDirectory = new(FindProjectDirectory);

    /// <summary>Checks <paramref name="actual"/> against a golden file of this test project.</summary>
    /// <param name="relativePath">The golden file's path below the folder of the test .csproj, such as <c>Golden/tools.json</c>.</param>
    /// <param name="actual">The output to pin.</param>
    public static void Verify(string relativePath, string actual)
    {
        var update = Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true"
            || Environment.GetEnvironmentVariable(FormerUpdateVariable) is "1" or "true";
        Verify(Path.Combine(ProjectDirectory.Value, relativePath), actual, update);
    }

    /// <summary>Checks <paramref name="actual"/> against the golden file at <paramref name="goldenPath"/>.</summary>
    /// <param name="goldenPath">The full path of the golden file.</param>
    /// <param name="actual">The output to pin.</param>
    /// <param name="update">Rewrites the golden file instead of comparing.</param>
    public static void Verify(string goldenPath, string actual, bool update)
    {
        var actualPath = ActualPath(goldenPath);
        if (update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual, Utf8NoBom);
            File.Delete(actualPath);
            return;
        }

        // A checkout with core.autocrlf may turn the golden file's "\n" into "\r\n"; the bytes we produce do not change.
        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath, Utf8NoBom).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, actual, Utf8NoBom);
        var problem = expected is null
            ? $"Golden file {goldenPath} does not exist."
            : $"Output differs from golden file {goldenPath}{FirstDifference(expected, actual)}";
        throw new XunitException(
            $"{problem}{Environment.NewLine}" +
            $"The actual output was written to {actualPath}.{Environment.NewLine}" +
            $"If the change is intended, review the diff and accept it: copy that file over the golden file, or run{Environment.NewLine}" +
            $"  {UpdateVariable}=1 dotnet test tests/{typeof(GoldenFile).Assembly.GetName().Name}{Environment.NewLine}" +
            "which rewrites every golden file of the project; then commit them.");
    }

    private static string ActualPath(string goldenPath) =>
        Path.Combine(Path.GetDirectoryName(goldenPath)!, Path.GetFileNameWithoutExtension(goldenPath) + ".actual" + Path.GetExtension(goldenPath));

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (!string.Equals(e, a, StringComparison.Ordinal))
            {
                return $", first at line {i + 1}:{Environment.NewLine}  expected: {e.Trim()}{Environment.NewLine}  actual:   {a.Trim()}";
            }
        }

        return " only in its line ends.";
    }

    private static string FindProjectDirectory()
    {
        var projectFile = typeof(GoldenFile).Assembly.GetName().Name + ".csproj";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, projectFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds {projectFile}; golden files are read from the test project's source folder, so run the tests from a source checkout.");
    }
}
