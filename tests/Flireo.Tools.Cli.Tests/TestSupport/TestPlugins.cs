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

    /// <summary>Gets a library for push and diff: two tools, end_call, two transfer destinations and an end-of-call handler with an analysis type.</summary>
    public static string DeployTools => Path("CliTests.DeployTools");

    /// <summary>Gets the restaurant example library (examples/Flireo.Examples.Restaurant).</summary>
    public static string RestaurantExample => Existing(Metadata("ExampleAssembly"));

    /// <summary>Gets the root folder of the repository.</summary>
    public static string RepositoryRoot => System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, "..", "..", ".."));

    /// <summary>Gets the build configuration of the tests (and of the libraries built with them).</summary>
    public static string Configuration => Metadata("Configuration");

    public static string ProjectFile(string name) => System.IO.Path.Combine(Directory, name, name + ".csproj");

    private static string Path(string name)
        => Existing(System.IO.Path.Combine(Directory, name, Metadata("TestPluginsOutput"), name + ".dll"));

    private static string Existing(string path)
        => File.Exists(path) ? path : throw new InvalidOperationException($"The tool library {path} is missing; build the test project first.");

    private static string Metadata(string key) => typeof(TestPlugins).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
