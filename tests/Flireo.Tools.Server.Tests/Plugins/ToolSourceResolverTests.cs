using Flireo.Tools.Server.Plugins;

namespace Flireo.Tools.Server.Tests.Plugins;

public sealed class ToolSourceResolverTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-resolver-").FullName;

    [Fact]
    public void Resolve_FolderWithBuiltProjects_ReturnsEachMainAssemblyOnly()
    {
        Touch("Tools.dll", "Tools.deps.json", "Humanizer.dll");
        Touch(Path.Combine("crm", "Crm.dll"), Path.Combine("crm", "Crm.deps.json"), Path.Combine("crm", "Flireo.Tools.dll"));

        var assemblies = ToolSourceResolver.Resolve([_folder], "Release", TextWriter.Null);

        assemblies.Should().Equal(Path.Combine(_folder, "Tools.dll"), Path.Combine(_folder, "crm", "Crm.dll"));
    }

    [Fact]
    public void Resolve_FolderWithoutBuiltProject_ThrowsSayingWhatIsExpected()
    {
        Touch("readme.txt");

        var act = () => ToolSourceResolver.Resolve([_folder], "Release", TextWriter.Null);

        act.Should().Throw<ServerStartupException>().WithMessage("*holds no tool assembly: expected a built project (NAME.dll next to NAME.deps.json)*");
    }

    [Fact]
    public void Resolve_MissingProject_ThrowsNotFound()
    {
        var project = Path.Combine(_folder, "Missing.csproj");

        var act = () => ToolSourceResolver.Resolve([project], "Release", TextWriter.Null);

        act.Should().Throw<ServerStartupException>().WithMessage($"Tool project '{project}' was not found.");
    }

    [Fact]
    public void Resolve_SameAssemblyTwice_ReturnsItOnce()
    {
        var path = Path.Combine(_folder, "Tools.dll");

        var assemblies = ToolSourceResolver.Resolve([path, Path.Combine(_folder, ".", "Tools.dll")], "Release", TextWriter.Null);

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
