namespace Flireo.Tools.Server.Tests.TestSupport;

/// <summary>Builds the test plugin projects once per test run, with 'dotnet build', as a user would build a tool library.</summary>
internal static class TestPlugins
{
    private static readonly Lazy<Task<BuiltPlugins>> Built = new(BuildAllAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<Task<string>> Announcer = new(() => BuildAsync("Flireo.TestPlugins.Announcer"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets the built plugins; the first caller builds them, the others wait for that build.</summary>
    public static Task<BuiltPlugins> GetAsync() => Built.Value;

    /// <summary>Gets the built Announcer plugin (note_and_announce: async with AnnounceResult; check_slowly: hands off after 2 s), built on first use.</summary>
    public static Task<string> GetAnnouncerAsync() => Announcer.Value;

    public static string ProjectPath(string name) => Path.Combine(TestPaths.RepositoryRoot, "tests", "TestPlugins", name, name + ".csproj");

    private static async Task<BuiltPlugins> BuildAllAsync()
    {
        var greetings = await BuildAsync("Flireo.TestPlugins.Greetings");
        var numbers = await BuildAsync("Flireo.TestPlugins.Numbers");
        var duplicate = await BuildAsync("Flireo.TestPlugins.Duplicate");
        var journal = await BuildAsync("Flireo.TestPlugins.Journal");
        return new BuiltPlugins(greetings, numbers, duplicate, journal);
    }

    private static async Task<string> BuildAsync(string name)
    {
        var project = ProjectPath(name);
        var (exitCode, output) = await ProcessRunner.RunAsync(
            TestPaths.Dotnet,
            ["build", project, "-c", TestPaths.Configuration, "-nologo", "-v:q", "-nodeReuse:false"],
            TestPaths.RepositoryRoot,
            TimeSpan.FromMinutes(5));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Building the test plugin {name} failed ({exitCode}):{Environment.NewLine}{output}");
        }

        var assembly = Path.Combine(Path.GetDirectoryName(project)!, "bin", TestPaths.Configuration, "net10.0", name + ".dll");
        return File.Exists(assembly) ? assembly : throw new InvalidOperationException($"The test plugin {name} built, but {assembly} is missing.");
    }
}

/// <summary>The built test plugin assemblies.</summary>
/// <param name="Greetings">Tools greet, wave (no description), count_in_words (Humanizer 2.x), hold and hold_in_background; a startup class registers a service.</param>
/// <param name="Numbers">Tool number_words (Humanizer 3.x).</param>
/// <param name="Duplicate">Another tool named greet.</param>
/// <param name="Journal">Async tools record_call (appends its tool call id to Journal:File once Journal:Gate exists), record_call_after (the same after working for some milliseconds) and always_fail.</param>
internal sealed record BuiltPlugins(string Greetings, string Numbers, string Duplicate, string Journal)
{
    /// <summary>Gets a .NET assembly with no tools in it: the Humanizer copy next to the Greetings plugin.</summary>
    public string WithoutTools => Path.Combine(Path.GetDirectoryName(Greetings)!, "Humanizer.dll");
}
