namespace Flireo.Tools.Hosting.Tests;

public sealed class ToolSourceResolverTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-resolver-").FullName;

    [Fact]
    public async Task Resolve_FolderWithBuiltProjects_ReturnsEachMainAssemblyOnly()
    {
        Touch("Tools.dll", "Tools.deps.json", "Humanizer.dll");
        Touch(Path.Combine("crm", "Crm.dll"), Path.Combine("crm", "Crm.deps.json"), Path.Combine("crm", "Flireo.Tools.dll"));

        var assemblies = await ToolSourceResolver.ResolveAsync([_folder], "Release", TextWriter.Null);

        assemblies.Should().Equal(Path.Combine(_folder, "Tools.dll"), Path.Combine(_folder, "crm", "Crm.dll"));
    }

    [Fact]
    public async Task Resolve_FolderWithoutBuiltProject_ThrowsSayingWhatIsExpected()
    {
        Touch("readme.txt");

        var act = () => ToolSourceResolver.ResolveAsync([_folder], "Release", TextWriter.Null);

        (await act.Should().ThrowAsync<FlireoToolsConfigurationException>()).WithMessage("*holds no tool assembly: expected a built project (NAME.dll next to NAME.deps.json)*");
    }

    [Fact]
    public async Task Resolve_MissingProject_ThrowsNotFound()
    {
        var project = Path.Combine(_folder, "Missing.csproj");

        var act = () => ToolSourceResolver.ResolveAsync([project], "Release", TextWriter.Null);

        (await act.Should().ThrowAsync<FlireoToolsConfigurationException>()).WithMessage($"Tool project '{project}' was not found.");
    }

    [Fact]
    public async Task Resolve_SameAssemblyTwice_ReturnsItOnce()
    {
        var path = Path.Combine(_folder, "Tools.dll");

        var assemblies = await ToolSourceResolver.ResolveAsync([path, Path.Combine(_folder, ".", "Tools.dll")], "Release", TextWriter.Null);

        assemblies.Should().Equal(path);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Touch(params string[] names)
    {
        foreach (var name in names)
        {
            var path = Path.Combine(_folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, string.Empty);
        }
    }
}
