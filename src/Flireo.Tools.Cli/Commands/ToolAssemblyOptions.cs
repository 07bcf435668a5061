using System.CommandLine;
using Flireo.Tools.Cli.Loading;
using Flireo.Tools.Hosting;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Holds the options that name the tool assembly: <c>--assembly</c>, or <c>--project</c> built first.</summary>
internal sealed class ToolAssemblyOptions
{
    public ToolAssemblyOptions(string assemblyDescription)
    {
        Assembly = new Option<string>("--assembly", "-a")
        {
            Description = assemblyDescription,
            HelpName = "dll",
        };
        Project = new Option<string>("--project", "-p")
        {
            Description = "A project file to build with 'dotnet build' first; its output assembly is used.",
            HelpName = "csproj",
        };
        Configuration = new Option<string>("--configuration", "-c")
        {
            Description = "The build configuration for --project.",
            DefaultValueFactory = static _ => "Release",
        };
    }

    public Option<string> Assembly { get; }

    public Option<string> Project { get; }

    public Option<string> Configuration { get; }

    /// <summary>Adds the options and a validator that requires exactly one of <c>--assembly</c> and <c>--project</c>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="alternatives">Other options that may replace both (for example <c>--url</c>).</param>
    public void AddTo(Command command, params Option[] alternatives)
    {
        command.Options.Add(Assembly);
        command.Options.Add(Project);
        command.Options.Add(Configuration);
        Option[] sources = [.. alternatives, Assembly, Project];
        command.Validators.Add(result =>
        {
            var given = sources.Where(o => result.GetResult(o) is { Implicit: false }).ToArray();
            var names = string.Join(", ", sources.Select(o => o.Name));
            if (given.Length == 0)
            {
                result.AddError($"Name what to run against: one of {names}.");
            }
            else if (given.Length > 1)
            {
                result.AddError($"Use only one of {string.Join(", ", given.Select(o => o.Name))}.");
            }
        });
    }

    /// <summary>Gets the path of the tool assembly, building the project first when <c>--project</c> was given.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <param name="environment">Where build progress goes.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <returns>The assembly path.</returns>
    public async Task<string> ResolveAsync(ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Project) is { } project)
        {
            return await BuildProjectAsync(project, parseResult.GetRequiredValue(Configuration), environment, cancellationToken).ConfigureAwait(false);
        }

        return parseResult.GetRequiredValue(Assembly);
    }

    /// <summary>Builds the project named by <c>--project</c> with the tool-source loader the server uses (<see cref="ToolSourceResolver"/>).</summary>
    /// <param name="projectPath">The project file (<c>.csproj</c>, <c>.fsproj</c>, <c>.vbproj</c>).</param>
    /// <param name="configuration">The build configuration, for example <c>Release</c>.</param>
    /// <param name="environment">Where progress goes.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <returns>The path of the built assembly.</returns>
    /// <exception cref="CliException">The project is missing or is not a project file.</exception>
    /// <exception cref="FlireoToolsConfigurationException">The build failed or its output cannot be found.</exception>
    private static Task<string> BuildProjectAsync(string projectPath, string configuration, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(projectPath);
        if (!File.Exists(fullPath))
        {
            throw new CliException(Directory.Exists(fullPath)
                ? $"Project '{projectPath}' is a folder; name the project file inside it."
                : $"Project '{projectPath}' was not found.");
        }

        if (!Path.GetExtension(fullPath).EndsWith("proj", StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Usage($"'{projectPath}' is not a project file; --project takes a .csproj (use --assembly for a built .dll).");
        }

        return ToolSourceResolver.BuildProjectAsync(fullPath, configuration, environment.Error, cancellationToken);
    }

    /// <summary>Loads the tool assembly named on the command line.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="cancellationToken">Stops a build.</param>
    /// <returns>The loaded library; dispose it.</returns>
    public async Task<ToolLibrary> LoadAsync(ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
        => ToolLibrary.Load(await ResolveAsync(parseResult, environment, cancellationToken).ConfigureAwait(false), environment);
}
