using System.CommandLine;
using Flireo.Tools.Cli.Loading;

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
            return await ProjectBuilder.BuildAsync(project, parseResult.GetRequiredValue(Configuration), environment, cancellationToken).ConfigureAwait(false);
        }

        return parseResult.GetRequiredValue(Assembly);
    }

    /// <summary>Loads the tool assembly named on the command line.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="cancellationToken">Stops a build.</param>
    /// <returns>The loaded library; dispose it.</returns>
    public async Task<ToolLibrary> LoadAsync(ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
        => ToolLibrary.Load(await ResolveAsync(parseResult, environment, cancellationToken).ConfigureAwait(false), environment);
}
