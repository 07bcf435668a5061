using System.Reflection;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>Finds the tool libraries under tests/TestPlugins/Cli, built with this project in the same configuration.</summary>
internal static class TestPlugins
{
    public static string Directory { get; } = Metadata("TestPluginsDirectory");

    /// <summary>Gets a clean library: reservations with a service, records, enums, an async tool and a static class.</summary>
    public static string SampleTools => Path("CliTests.SampleTools");

    /// <summary>Gets a library the server accepts but whose tools trip every lint rule.</summary>
    public static string LintTools => Path("CliTests.LintTools");

    /// <summary>Gets a library the server refuses: invalid name, async tool with a value, unsupported type, duplicate names.</summary>
    public static string BrokenTools => Path("CliTests.BrokenTools");

    public static string ProjectFile(string name) => System.IO.Path.Combine(Directory, name, name + ".csproj");

    private static string Path(string name)
    {
        var path = System.IO.Path.Combine(Directory, name, Metadata("TestPluginsOutput"), name + ".dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The test plugin {path} is missing; build the test project first.");
    }

    private static string Metadata(string key) => typeof(TestPlugins).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
