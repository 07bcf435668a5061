namespace Flireo.Tools.Server.Plugins;

/// <summary>Turns what the user named with <c>--tools</c> (an assembly, a project or a folder) into assembly paths to load.</summary>
internal static class ToolSourceResolver
{
    /// <summary>Resolves each entry to one or more tool assembly paths, building projects on the way.</summary>
    /// <param name="entries">The paths given, relative to the working directory or absolute.</param>
    /// <param name="buildConfiguration">The configuration projects are built with.</param>
    /// <param name="progress">Receives a line for each project built.</param>
    /// <returns>Full assembly paths, in order, without repeats. A path that does not exist is passed on for the loader to report.</returns>
    /// <exception cref="ServerStartupException">A folder holds nothing to load, or a project does not build.</exception>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> entries, string buildConfiguration, TextWriter progress)
    {
        var result = new List<string>();
        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            var path = Path.GetFullPath(entry.Trim());
            if (IsProjectFile(path))
            {
                if (!File.Exists(path))
                {
                    throw new ServerStartupException($"Tool project '{entry}' was not found.");
                }

                Add(result, ProjectBuilder.Build(path, buildConfiguration, progress));
            }
            else if (Directory.Exists(path))
            {
                foreach (var assembly in FromFolder(entry, path, buildConfiguration, progress))
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

    private static List<string> FromFolder(string entry, string folder, string buildConfiguration, TextWriter progress)
    {
        var projects = Directory.GetFiles(folder, "*.*proj");
        if (projects.Length == 1 && IsProjectFile(projects[0]))
        {
            return [ProjectBuilder.Build(projects[0], buildConfiguration, progress)];
        }

        if (projects.Length > 1)
        {
            throw new ServerStartupException($"Tool folder '{entry}' holds several projects; name the one to load with --tools {Path.Combine(entry, Path.GetFileName(projects[0]))}.");
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
            : throw new ServerStartupException($"Tool folder '{entry}' holds no tool assembly: expected a built project (NAME.dll next to NAME.deps.json) in it or in a folder directly under it.");
    }

    private static bool IsProjectFile(string path) =>
        path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase);

    private static void Add(List<string> result, string path)
    {
        if (!result.Contains(path, StringComparer.Ordinal))
        {
            result.Add(path);
        }
    }
}
