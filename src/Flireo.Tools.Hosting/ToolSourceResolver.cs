using Flireo.Tools.Hosting.Loading;

namespace Flireo.Tools.Hosting;

/// <summary>Turns tool sources (an assembly, a project or a folder) into the assembly paths to load, building projects with the .NET SDK on the way.</summary>
/// <remarks>The one loader of the self-hosted server, <c>flireo-tools serve</c> and the other <c>flireo-tools</c> commands that take a project.</remarks>
public static class ToolSourceResolver
{
    /// <summary>Resolves each source to one or more tool assembly paths, building projects on the way.</summary>
    /// <param name="sources">The paths: a <c>.dll</c>, a project file, or a folder holding one project or built tool assemblies (a <c>NAME.dll</c> next to its <c>NAME.deps.json</c>); relative to the current directory or absolute.</param>
    /// <param name="buildConfiguration">The configuration projects are built with, e.g. <c>Release</c>.</param>
    /// <param name="progress">Receives a line for each project built.</param>
    /// <param name="cancellationToken">Stops a build.</param>
    /// <returns>Full assembly paths, in order, without repeats. A path that does not exist is passed on for the loader to report.</returns>
    /// <exception cref="FlireoToolsConfigurationException">A folder holds nothing to load, or a project is missing or does not build.</exception>
    public static async Task<IReadOnlyList<string>> ResolveAsync(IEnumerable<string> sources, string buildConfiguration, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentException.ThrowIfNullOrWhiteSpace(buildConfiguration);
        ArgumentNullException.ThrowIfNull(progress);
        var result = new List<string>();
        foreach (var entry in sources)
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            var path = Path.GetFullPath(entry.Trim());
            if (IsProjectFile(path))
            {
                Add(result, await BuildProjectAsync(path, buildConfiguration, progress, cancellationToken).ConfigureAwait(false));
            }
            else if (Directory.Exists(path))
            {
                foreach (var assembly in await FromFolderAsync(entry, path, buildConfiguration, progress, cancellationToken).ConfigureAwait(false))
                {
                    Add(result, assembly);
                }
            }
            else
            {
                Add(result, path);
            }
        }

        return result;
    }

    /// <summary>Builds a tool project with <c>dotnet build</c> and returns the full path of its output assembly.</summary>
    /// <param name="projectPath">The project file (<c>.csproj</c>, <c>.fsproj</c>, <c>.vbproj</c>).</param>
    /// <param name="buildConfiguration">The build configuration, e.g. <c>Release</c>.</param>
    /// <param name="progress">Receives one line before the build starts.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <returns>The full path of the built assembly.</returns>
    /// <exception cref="FlireoToolsConfigurationException">The project is missing, the SDK is missing, or the build failed; the message says which and gives the first compiler error.</exception>
    public static Task<string> BuildProjectAsync(string projectPath, string buildConfiguration, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(buildConfiguration);
        ArgumentNullException.ThrowIfNull(progress);
        var path = Path.GetFullPath(projectPath);
        return File.Exists(path)
            ? ProjectBuilder.BuildAsync(path, buildConfiguration, progress, cancellationToken)
            : throw new FlireoToolsConfigurationException($"Tool project '{projectPath}' was not found.");
    }

    /// <summary>Tells whether a path names a project file.</summary>
    /// <param name="path">The path.</param>
    /// <returns><see langword="true"/> for <c>.csproj</c>, <c>.fsproj</c> and <c>.vbproj</c>.</returns>
    internal static bool IsProjectFile(string path) =>
        path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase);

    private static async Task<List<string>> FromFolderAsync(string entry, string folder, string buildConfiguration, TextWriter progress, CancellationToken cancellationToken)
    {
        var projects = Directory.GetFiles(folder, "*.*proj");
        if (projects.Length == 1 && IsProjectFile(projects[0]))
        {
            return [await ProjectBuilder.BuildAsync(projects[0], buildConfiguration, progress, cancellationToken).ConfigureAwait(false)];
        }

        if (projects.Length > 1)
        {
            throw new FlireoToolsConfigurationException($"Tool folder '{entry}' holds several projects; name the one to load with --tools {Path.Combine(entry, Path.GetFileName(projects[0]))}.");
        }

        // A built or published project has NAME.dll next to NAME.deps.json; its dependencies have no .deps.json of their own.
        var assemblies = Directory.GetDirectories(folder).Prepend(folder)
            .SelectMany(dir => Directory.GetFiles(dir, "*.deps.json"))
            .Select(deps => deps[..^".deps.json".Length] + ".dll")
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .ToList();
        return assemblies.Count > 0
            ? assemblies
            : throw new FlireoToolsConfigurationException($"Tool folder '{entry}' holds no tool assembly: expected a built project (NAME.dll next to NAME.deps.json) in it or in a folder directly under it.");
    }

    private static void Add(List<string> result, string path)
    {
        if (!result.Contains(path, StringComparer.Ordinal))
        {
            result.Add(path);
        }
    }
}
