using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Reliability.Tests.Support;

/// <summary>Locates the reliability test plugin, which MSBuild builds before this project (a project reference without its output).</summary>
internal static class ReliabilityPlugin
{
    public const string Name = "Flireo.TestPlugins.Reliability";

    public static string Folder { get; } = Path.Combine(TestPaths.RepositoryRoot, "tests", "TestPlugins", Name, "bin", TestPaths.Configuration, "net10.0");

    public static string AssemblyPath
    {
        get
        {
            var path = Path.Combine(Folder, Name + ".dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"The test plugin was not built: {path} is missing. Build the solution first.");
        }
    }
}
