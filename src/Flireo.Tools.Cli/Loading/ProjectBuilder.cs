using Flireo.Tools.Hosting;

namespace Flireo.Tools.Cli.Loading;

/// <summary>Builds the project named by <c>--project</c> with the one tool-source loader the server uses (<see cref="ToolSourceResolver"/>).</summary>
internal static class ProjectBuilder
{
    /// <summary>Builds a project and returns the full path of its output assembly.</summary>
    /// <param name="projectPath">The project file (<c>.csproj</c>, <c>.fsproj</c>, <c>.vbproj</c>).</param>
    /// <param name="configuration">The build configuration, for example <c>Release</c>.</param>
    /// <param name="environment">Where progress goes.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <returns>The path of the built assembly.</returns>
    /// <exception cref="CliException">The project is missing or is not a project file.</exception>
    /// <exception cref="FlireoToolsConfigurationException">The build failed or its output cannot be found.</exception>
    public static Task<string> BuildAsync(string projectPath, string configuration, CliEnvironment environment, CancellationToken cancellationToken)
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
}
