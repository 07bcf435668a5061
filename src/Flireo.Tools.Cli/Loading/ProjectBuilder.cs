namespace Flireo.Tools.Cli.Loading;

/// <summary>Builds a project with <c>dotnet build</c> and finds the assembly it produced.</summary>
internal static class ProjectBuilder
{
    /// <summary>Builds a project and returns the full path of its output assembly.</summary>
    /// <param name="projectPath">The project file (<c>.csproj</c>, <c>.fsproj</c>, <c>.vbproj</c>).</param>
    /// <param name="configuration">The build configuration, for example <c>Release</c>.</param>
    /// <param name="environment">Where progress goes and how the process runs.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <returns>The path of the built assembly.</returns>
    /// <exception cref="CliException">The project is missing, the build failed, or its output cannot be found.</exception>
    public static async Task<string> BuildAsync(string projectPath, string configuration, CliEnvironment environment, CancellationToken cancellationToken)
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

        await environment.Error.WriteLineAsync($"Building {Path.GetFileName(fullPath)} ({configuration})...").ConfigureAwait(false);
        ProcessResult result;
        try
        {
            result = await environment.Processes.RunAsync(
                "dotnet",
                ["build", fullPath, "--configuration", configuration, "--nologo", "-nodeReuse:false", "-t:Build", "-getProperty:TargetPath"],
                cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CliException($"'dotnet' could not be started to build '{projectPath}': {ex.Message}", ex);
        }

        if (result.ExitCode != 0)
        {
            var firstError = FirstError(result.StandardError) ?? FirstError(result.StandardOutput);
            throw new CliException($"Building '{projectPath}' failed (dotnet build exited with {result.ExitCode})" + (firstError is null ? "." : $": {firstError}"));
        }

        var targetPath = result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault();
        if (string.IsNullOrEmpty(targetPath) || !File.Exists(targetPath))
        {
            throw new CliException($"The build of '{projectPath}' succeeded but its output assembly was not found (multi-targeted projects are not supported: build it and pass --assembly).");
        }

        return targetPath;
    }

    private static string? FirstError(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .FirstOrDefault(line => line.Contains(" error ", StringComparison.Ordinal) || line.StartsWith("error", StringComparison.OrdinalIgnoreCase));
}
