namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>A tool project in a temporary folder for <c>serve --watch</c>, built against this repository's Flireo.Tools; shared by the tests of a class.</summary>
public sealed class WatchProject : IDisposable
{
    public const string Version1 = """
        using Flireo.Tools;

        namespace WatchTools;

        public sealed class Tools
        {
            [FlireoTool("greet", Description = "Greets a person.")]
            public string Greet(string name) => $"Hello {name} (v1)";

            [FlireoTool("slow", Description = "Answers once the file named by the marker exists.")]
            public async Task<string> Slow(string marker, CancellationToken cancellationToken)
            {
                await File.WriteAllTextAsync(marker + ".started", "", cancellationToken);
                while (!File.Exists(marker + ".release"))
                {
                    await Task.Delay(50, cancellationToken);
                }

                return "slow done (v1)";
            }
        }
        """;

    public WatchProject()
    {
        Folder = Directory.CreateTempSubdirectory("flireo-watch-project-").FullName;
        ProjectFile = Path.Combine(Folder, "WatchTools.csproj");
        var flireoTools = typeof(FlireoToolAttribute).Assembly.Location;
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <EnableDynamicLoading>true</EnableDynamicLoading>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Flireo.Tools" HintPath="{flireoTools}" Private="false" />
              </ItemGroup>
            </Project>
            """);
        WriteSource(Version1);
    }

    public string Folder { get; }

    public string ProjectFile { get; }

    public void WriteSource(string source) => File.WriteAllText(Path.Combine(Folder, "Tools.cs"), source);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
