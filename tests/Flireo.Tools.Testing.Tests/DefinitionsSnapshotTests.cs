using System.Text.Json.Nodes;
using Flireo.Tools.Definitions;
using Flireo.Tools.Testing.Tests.Support;

namespace Flireo.Tools.Testing.Tests;

public sealed class DefinitionsSnapshotTests : IDisposable
{
    private static readonly ToolCatalog Catalog = ToolCatalog.Create([typeof(SampleTools)]);
    private readonly string _directory = Directory.CreateTempSubdirectory("flireo-snapshot-").FullName;

    private string SnapshotPath => Path.Combine(_directory, "definitions.json");

    private string ActualPath => Path.Combine(_directory, "definitions.actual.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AssertMatches_SnapshotIsCurrent_PassesAndLeavesNoActualFile()
    {
        File.WriteAllText(SnapshotPath, ToolDefinitions.ToJson(Catalog.Tools));
        File.WriteAllText(ActualPath, "stale");

        var check = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);

        check.Should().NotThrow();
        File.Exists(ActualPath).Should().BeFalse();
    }

    [Fact]
    public void AssertMatches_SnapshotWithWindowsLineEnds_Passes()
    {
        File.WriteAllText(SnapshotPath, ToolDefinitions.ToJson(Catalog.Tools).Replace("\n", "\r\n", StringComparison.Ordinal));

        var check = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);

        check.Should().NotThrow();
    }

    [Fact]
    public void AssertMatches_OtherOptions_ComparesThatExport()
    {
        var options = new ToolDefinitionOptions { Shape = ToolDefinitionShape.OpenAI, Strict = true, BaseUrl = "https://tools.example.com" };
        File.WriteAllText(SnapshotPath, ToolDefinitions.ToJson(Catalog.Tools, options));

        var withOptions = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath, options);
        var withDefaults = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);

        withOptions.Should().NotThrow();
        withDefaults.Should().Throw<DefinitionsSnapshotException>();
    }

    [Fact]
    public void AssertJsonMatches_ExportedJsonIsCurrent_Passes()
    {
        var json = ToolDefinitions.ToJson(Catalog.Tools);
        File.WriteAllText(SnapshotPath, json);

        var check = () => DefinitionsSnapshot.AssertJsonMatches(json, SnapshotPath);

        check.Should().NotThrow();
    }

    [Fact]
    public void AssertJsonMatches_ExportedJsonDiffers_FailsNamingTheToolAndWritesIt()
    {
        File.WriteAllText(SnapshotPath, ToolDefinitions.ToJson(Catalog.Tools));
        var changed = ToolDefinitions.ToJson(Catalog.Tools, new ToolDefinitionOptions { Strict = true });

        var check = () => DefinitionsSnapshot.AssertJsonMatches(changed, SnapshotPath);

        check.Should().Throw<DefinitionsSnapshotException>().Which.Message.Should().Contain("Tools changed:");
        File.ReadAllText(ActualPath).Should().Be(changed);
    }

    [Fact]
    public void AssertMatches_NoSnapshot_FailsAndWritesTheCurrentDefinitions()
    {
        var check = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);

        var failure = check.Should().Throw<DefinitionsSnapshotException>().Which;
        failure.Message.Should().Contain($"The definitions snapshot {SnapshotPath} does not exist.").And.Contain("FLIREO_UPDATE_SNAPSHOTS=1 dotnet test");
        failure.SnapshotPath.Should().Be(SnapshotPath);
        failure.ActualPath.Should().Be(ActualPath);
        File.ReadAllText(ActualPath).Should().Be(ToolDefinitions.ToJson(Catalog.Tools));
    }

    [Fact]
    public void AssertMatches_DescriptionChanged_ShowsTheToolAndTheChangedLines()
    {
        var current = ToolDefinitions.ToJson(Catalog.Tools);
        File.WriteAllText(SnapshotPath, current.Replace("Finds a dish by name.", "Finds a dish.", StringComparison.Ordinal));

        var check = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);

        var message = check.Should().Throw<DefinitionsSnapshotException>().Which.Message;
        var line = current.Split('\n').ToList().FindIndex(l => l.Contains("Finds a dish by name.", StringComparison.Ordinal)) + 1;
        message.Should().Contain($"The tool definitions differ from the snapshot {SnapshotPath}.")
            .And.Contain("Tools changed: find_dish.")
            .And.Contain($"First difference at line {line} (- snapshot, + current):")
            .And.Contain($"- {line,5} |     \"description\": \"Finds a dish.\",")
            .And.Contain($"+ {line,5} |     \"description\": \"Finds a dish by name.\",")
            .And.Contain($"git diff --no-index \"{SnapshotPath}\" \"{ActualPath}\"")
            .And.NotContain("Tools added").And.NotContain("Tools removed");
        File.ReadAllText(ActualPath).Should().Be(current);
    }

    [Fact]
    public void AssertMatches_SeveralChanges_ShowsTheFirstAndSaysMoreFollow()
    {
        var current = ToolDefinitions.ToJson(Catalog.Tools);
        File.WriteAllText(SnapshotPath, current.Replace("Always answers with an error.", "Fails.", StringComparison.Ordinal).Replace("Finds a dish by name.", "Finds a dish.", StringComparison.Ordinal));

        var check = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);

        var message = check.Should().Throw<DefinitionsSnapshotException>().Which.Message;
        message.Should().Contain("Tools changed: closed, find_dish.")
            .And.Contain("\"description\": \"Fails.\"")
            .And.Contain("… more differences follow")
            .And.NotContain("Finds a dish.");
    }

    [Fact]
    public void AssertMatches_LineAdded_ShowsOnlyTheAddedLine()
    {
        var current = ToolDefinitions.ToJson(Catalog.Tools);
        File.WriteAllText(SnapshotPath, current.Replace("          \"minLength\": 2,\n", string.Empty, StringComparison.Ordinal));

        var check = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);

        var message = check.Should().Throw<DefinitionsSnapshotException>().Which.Message;
        message.Split('\n').Where(l => l.StartsWith('-') || l.StartsWith('+')).Should().ContainSingle()
            .Which.Should().Match("+ * |           \"minLength\": 2,");
    }

    [Fact]
    public void AssertMatches_ToolsAddedAndRemoved_NamesThem()
    {
        var snapshot = ToolDefinitions.Export(Catalog.Tools);
        snapshot.RemoveAt(snapshot.IndexOf(snapshot.Single(t => (string?)t!["name"] == "hang")));
        snapshot.Add(new JsonObject { ["name"] = "order_pizza", ["parameters"] = new JsonObject { ["type"] = "object" } });
        File.WriteAllText(SnapshotPath, snapshot.ToJsonString());

        var check = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);

        check.Should().Throw<DefinitionsSnapshotException>().WithMessage("*Tools added: hang.*Tools removed: order_pizza.*");
    }

    [Fact]
    public void AssertMatches_SnapshotNotJson_StillShowsTheFirstDifference()
    {
        File.WriteAllText(SnapshotPath, "not json\n");

        var check = () => DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);

        check.Should().Throw<DefinitionsSnapshotException>().WithMessage("*First difference at line 1*- *1 | not json*+ *1 | [*");
    }

    [Fact]
    public void AssertMatches_UpdateVariableSet_RewritesTheSnapshotInsteadOfFailing()
    {
        File.WriteAllText(SnapshotPath, "[]\n");
        File.WriteAllText(ActualPath, "stale");
        Environment.SetEnvironmentVariable(DefinitionsSnapshot.UpdateVariable, "1");
        try
        {
            DefinitionsSnapshot.AssertMatches(Catalog, SnapshotPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DefinitionsSnapshot.UpdateVariable, null);
        }

        File.ReadAllText(SnapshotPath).Should().Be(ToolDefinitions.ToJson(Catalog.Tools));
        File.Exists(ActualPath).Should().BeFalse();
    }

    [Fact]
    public void Verify_UpdateIntoANewFolder_CreatesIt()
    {
        var path = Path.Combine(_directory, "new", "definitions.json");

        DefinitionsSnapshot.Verify(path, "[]\n", update: true);

        File.ReadAllText(path).Should().Be("[]\n");
    }

    [Fact]
    public void ResolvePath_RelativePath_IsRelativeToTheCallingSourceFile()
    {
        var source = Path.Combine(_directory, "Tests", "MyToolsTests.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);

        var resolved = DefinitionsSnapshot.ResolvePath("../definitions.json", source);

        resolved.Should().Be(SnapshotPath);
    }

    [Fact]
    public void ResolvePath_SourceFolderNotOnThisMachine_IsRelativeToTheTestProject()
    {
        var resolved = DefinitionsSnapshot.ResolvePath("definitions.json", "/_/tests/MyToolsTests.cs");

        File.Exists(Path.Combine(Path.GetDirectoryName(resolved)!, "Flireo.Tools.Testing.Tests.csproj")).Should().BeTrue();
    }

    [Fact]
    public void ResolvePath_AbsolutePath_IsKept()
    {
        DefinitionsSnapshot.ResolvePath(SnapshotPath, "/elsewhere/Tests.cs").Should().Be(SnapshotPath);
    }
}
