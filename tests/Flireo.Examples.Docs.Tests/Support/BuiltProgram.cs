using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Flireo.Examples.Docs.Tests.Support;

/// <summary>Runs a program of the repository from its own build output, as a separate process, the way a user runs it.</summary>
internal static class BuiltProgram
{
    private static readonly string Configuration = typeof(BuiltProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    /// <summary>Gets the path of a project's built assembly, such as <c>src/Flireo.Tools.Cli</c> and <c>flireo-tools.dll</c>.</summary>
    public static string Output(string project, string assembly) => Repository.PathOf($"{project}/bin/{Configuration}/net10.0/{assembly}");

    /// <summary>Starts <c>dotnet assembly args</c> in the repository root with a clean environment and the given variables.</summary>
    public static Process Start(string assembly, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The machine's own settings must not change what the pages show.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Flireo", StringComparison.OrdinalIgnoreCase) || k.EndsWith("_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assembly}.");
    }

    /// <summary>Runs a program to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string assembly, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? input = null)
    {
        using var process = Start(assembly, args, environment);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(assembly)} {string.Join(' ', args)} did not finish within 60 seconds.");
        }

        return (process.ExitCode, (await output).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'), (await error).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
    }

    private static string Dotnet
    {
        get
        {
            var host = Environment.ProcessPath;
            if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet")
            {
                return host;
            }

            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk) ? fromSdk : "dotnet";
        }
    }
}
