using System.Reflection;
using Flireo.Examples.Docs.Tests.Support;
using Flireo.Tools;
using Flireo.Tools.Definitions;
using Flireo.Tools.Testing;
using Flireo.Tools.Webhooks;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/testing-your-tools.md shows: a failing definitions snapshot and the test host's options.</summary>
internal static class TestingOutputs
{
    [DocOutput("testing-snapshot-failure")]
    public static string SnapshotFailure()
    {
        // The snapshot as committed before someone reworded the tool's description.
        var catalog = ToolCatalog.Create([typeof(OpeningHoursTools)]);
        var folder = Directory.CreateTempSubdirectory("flireo-docs-").FullName;
        var snapshot = Path.Combine(folder, "definitions.json");
        File.WriteAllText(snapshot, ToolDefinitions.ToJson(catalog.Tools).Replace("Use it when the caller asks when they can come by.", "Use it when the caller asks about opening hours.", StringComparison.Ordinal));
        try
        {
            DefinitionsSnapshot.AssertMatches(catalog, snapshot);
            return "(no difference)";
        }
        catch (DefinitionsSnapshotException ex)
        {
            // The paths are the temporary folder's; show them as they would be in a test project.
            return ex.Message.Replace(folder + Path.DirectorySeparatorChar, "/src/PracticeTools.Tests/", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [DocOutput("testing-host-options")]
    public static string HostOptions() => OptionsTable.ForCode(new FlireoTestHostOptions(), DescribeDefault);

    private static string? DescribeDefault(PropertyInfo property, object? value) => value switch
    {
        CallInfo call => $"call `{call.Id}` from `{call.CustomerNumber}` to `{call.PhoneNumber?.Number}`",
        DateTimeOffset time => MarkdownTable.Code(time.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture)),
        _ => null,
    };
}
