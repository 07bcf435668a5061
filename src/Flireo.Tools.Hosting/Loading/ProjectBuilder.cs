using System.Diagnostics;
using System.Globalization;

namespace Flireo.Tools.Hosting.Loading;

/// <summary>Builds a tool project with the .NET SDK and returns the path of the assembly it produced.</summary>
internal static class ProjectBuilder
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <c>dotnet build -c {configuration}</c> on the project and returns its <c>TargetPath</c>.</summary>
    /// <param name="projectPath">The full path of the project file.</param>
    /// <param name="configuration">The build configuration, e.g. <c>Release</c>.</param>
    /// <param name="progress">Receives one line before the build starts.</param>
    /// <param name="cancellationToken">Stops the build (the process tree is killed).</param>
    /// <returns>The full path of the built assembly.</returns>
    /// <exception cref="FlireoToolsConfigurationException">The SDK is missing or the build failed; the message says which.</exception>
    public static async Task<string> BuildAsync(string projectPath, string configuration, TextWriter progress, CancellationToken cancellationToken)
    {
        await progress.WriteLineAsync($"Building {Path.GetFileName(projectPath)} ({configuration}) with 'dotnet build'...").ConfigureAwait(false);
        await progress.FlushAsync(cancellationToken).ConfigureAwait(false);
        var result = await TryBuildAsync(projectPath, configuration, cancellationToken).ConfigureAwait(false);
        return result.TargetPath
            ?? throw new FlireoToolsConfigurationException($"Building '{projectPath}' failed (dotnet build exited with {result.ExitCode.ToString(CultureInfo.InvariantCulture)}): {result.Errors[0]}");
    }

    /// <summary>Runs <c>dotnet build -c {configuration}</c> on the project quietly and reports the built assembly or the compiler errors.</summary>
    /// <param name="projectPath">The full path of the project file.</param>
    /// <param name="configuration">The build configuration, e.g. <c>Release</c>.</param>
    /// <param name="cancellationToken">Stops the build (the process tree is killed).</param>
    /// <returns>The outcome: the assembly path, or the error lines of a failed build.</returns>
    /// <exception cref="FlireoToolsConfigurationException">The SDK is missing, the build took too long, or it succeeded without naming its assembly.</exception>
    public static async Task<BuildResult> TryBuildAsync(string projectPath, string configuration, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(projectPath)!,
        };
        foreach (var arg in (string[])[
            "build", projectPath, "-c", configuration, "-nologo", "-v:q", "-nodeReuse:false",
            "-t:Build", "-getProperty:TargetPath"])
        {
            start.ArgumentList.Add(arg);
        }

        // A build started from a running app must not leave build servers holding its console or its pipes.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new FlireoToolsConfigurationException("Could not start 'dotnet build'.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new FlireoToolsConfigurationException($"Cannot build '{projectPath}': the .NET SDK ('dotnet') was not found ({ex.Message}). Build it yourself and pass the .dll.", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(BuildTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new FlireoToolsConfigurationException($"Building '{projectPath}' took longer than {BuildTimeout.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes; build it yourself and pass the .dll.");
            }

            var stdout = await output.ConfigureAwait(false);
            var stderr = await errors.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                return new BuildResult(null, process.ExitCode, ErrorLines(stderr + Environment.NewLine + stdout));
            }

            var targetPath = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (string.IsNullOrEmpty(targetPath) || !File.Exists(targetPath))
            {
                throw new FlireoToolsConfigurationException($"Building '{projectPath}' succeeded but did not report the built assembly (multi-targeted projects are not supported); build it yourself and pass the .dll.");
            }

            return new BuildResult(targetPath, 0, []);
        }
    }

    /// <summary>Picks the compiler and MSBuild errors out of the build output, each once, in order; never empty.</summary>
    private static List<string> ErrorLines(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(static l => l.Contains(" error ", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return errors.Count > 0 ? errors : [FirstError(lines)];
    }

    private static string FirstError(string[] lines)
    {
        return lines.FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
            ?? lines.LastOrDefault()
            ?? "no output";
    }

    private static string DotnetPath()
    {
        // Under 'dotnet run', 'dotnet Flireo.Tools.Server.dll' or a dotnet tool the host is the SDK's own dotnet; else take it from PATH.
        var host = Environment.ProcessPath;
        if (host is not null && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return host;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root))
        {
            var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "dotnet";
    }
}
