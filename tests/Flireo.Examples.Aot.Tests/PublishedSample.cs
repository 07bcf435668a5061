using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Flireo.Examples.Aot.Tests;

/// <summary>Publishes examples/Flireo.Examples.Aot with Native AOT once per test run and keeps the native executable.</summary>
/// <remarks>
/// A publish that fails (no clang or zlib1g-dev on Linux, no Native AOT for the platform) fails every test that needs the
/// executable, with the publish output in the message: the sample must publish wherever the tests run.
/// </remarks>
public sealed partial class PublishedSample : IAsyncLifetime
{
    private static readonly string Configuration = typeof(PublishedSample).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"flireo-aot-{Guid.NewGuid():N}");
    private string? _executable;
    private string _log = string.Empty;
    private string? _failure;

    /// <summary>Gets the trim and AOT warnings of the publish (IL2xxx and IL3xxx), one line each, without paths.</summary>
    /// <remarks>The sample is compiled again on every run (its dependencies are not), so the native compiler runs and reports them.</remarks>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>Gets how long the publish took.</summary>
    public TimeSpan PublishTime { get; private set; }

    /// <summary>Gets the native executable, or fails the test with the reason the publish failed.</summary>
    public string Executable => _executable ?? throw new InvalidOperationException(_failure);

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "examples", "Flireo.Examples.Aot", "Flireo.Examples.Aot.csproj");

        // The sample's own runtime-specific build output goes, so the native compiler runs and reports its warnings again.
        var intermediate = Path.Combine(Path.GetDirectoryName(project)!, "obj", Configuration, "net10.0", RuntimeInformation.RuntimeIdentifier);
        if (Directory.Exists(intermediate))
        {
            Directory.Delete(intermediate, recursive: true);
        }

        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "publish", project, "-c", Configuration, "-r", RuntimeInformation.RuntimeIdentifier, "-o", _directory, "--no-dependencies", "-nologo", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            _failure = $"dotnet publish of the Native AOT sample did not finish within {PublishTimeout.TotalMinutes} minutes.";
            return;
        }

        PublishTime = stopwatch.Elapsed;
        _log = (await output) + (await error);
        Warnings = ParseWarnings(_log);
        var executable = Path.Combine(_directory, OperatingSystem.IsWindows() ? "Flireo.Examples.Aot.exe" : "Flireo.Examples.Aot");
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            _failure = $"dotnet publish -p:PublishAot=true of examples/Flireo.Examples.Aot failed (exit code {process.ExitCode}). "
                + "Native AOT needs the platform linker: on Debian and Ubuntu 'apt-get install clang zlib1g-dev' (.ci/run installs them). Output:\n" + _log;
            return;
        }

        _executable = executable;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Flireo.Tools.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Flireo.Tools.sln was not found above {AppContext.BaseDirectory}.");
    }

    private static string Dotnet()
    {
        var host = Environment.ProcessPath;
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            return host;
        }

        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk) ? fromSdk : "dotnet";
    }

    /// <summary>Returns the trim and AOT warnings (IL2xxx and IL3xxx) of a publish log, one line each, without paths, distinct and ordered.</summary>
    /// <param name="log">The publish output.</param>
    /// <returns>The warnings.</returns>
    internal static IReadOnlyList<string> ParseWarnings(string log) =>
        [.. WarningPattern().Matches(log).Select(m => m.Groups["text"].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    // "…/File.cs(12,5): warning IL2026: Using member … [/…/Project.csproj]" or "ILC : Trim analysis warning IL2104: …".
    [GeneratedRegex(@"warning (?<text>IL[23]\d{3}: [^\r\n]*?)(?: \[[^\]\r\n]*\.csproj\])?\r?$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex WarningPattern();
}
