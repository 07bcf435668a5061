using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;

namespace Flireo.Tools.Stress;

/// <summary>Runs the real built server on a free loopback port with the reliability plugin, and watches its logs and memory.</summary>
internal sealed class SoakServer : IAsyncDisposable
{
    public const string Secret = "soak-secret";

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly List<string> _unexpectedLogs = [];
    private int _expectedErrorLogs;

    private SoakServer(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Gets the error log lines the load explains: the <c>fail</c> tool and the transient failures of <c>record_in_background</c>.</summary>
    public int ExpectedErrorLogs => Volatile.Read(ref _expectedErrorLogs);

    /// <summary>Gets the error and fatal log lines nothing in the load explains.</summary>
    public IReadOnlyList<string> UnexpectedLogs
    {
        get
        {
            lock (_unexpectedLogs)
            {
                return [.. _unexpectedLogs];
            }
        }
    }

    public static async Task<SoakServer> StartAsync(TimeSpan syncTimeout)
    {
        var root = Metadata("RepositoryRoot");
        var configuration = Metadata("Configuration");
        var server = Path.Combine(root, "src", "Flireo.Tools.Server", "bin", configuration, "net10.0", "Flireo.Tools.Server.dll");
        var plugin = Path.Combine(root, "tests", "TestPlugins", "Flireo.TestPlugins.Reliability", "bin", configuration, "net10.0", "Flireo.TestPlugins.Reliability.dll");
        foreach (var file in new[] { server, plugin })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{file} is missing: build the solution in {configuration} first.");
            }
        }

        var port = FreePort();
        var dataDirectory = Directory.CreateTempSubdirectory("flireo-soak-").FullName;
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var argument in new[] { server, "--tools", plugin, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Flireo__WebhookSecret"] = Secret;
        start.Environment["Flireo__SyncTimeout"] = syncTimeout.ToString("c", CultureInfo.InvariantCulture);
        start.Environment["Flireo__Server__DataDirectory"] = dataDirectory;
        start.Environment["Flireo__Server__LogFormat"] = "Json";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var soak = new SoakServer(process, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        process.OutputDataReceived += (_, e) => soak.OnLog(e.Data);
        process.ErrorDataReceived += (_, e) => soak.OnLog(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = soak.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode} before it answered /healthz.");
            }

            try
            {
                using var health = await probe.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return soak;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The server did not answer /healthz within 60 s.");
    }

    /// <summary>Reads the server's resident memory and thread count from /proc.</summary>
    public (long ResidentBytes, int Threads) Sample()
    {
        long rss = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return (rss, threads);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static string Metadata(string key) =>
        typeof(SoakServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void OnLog(string? line)
    {
        if (line is null || !line.StartsWith('{'))
        {
            return;
        }

        using var json = JsonDocument.Parse(line);
        var level = json.RootElement.TryGetProperty("@l", out var l) ? l.GetString() : "Information";
        if (level is not ("Error" or "Fatal"))
        {
            return;
        }

        var message = json.RootElement.TryGetProperty("@m", out var m) ? m.GetString() ?? string.Empty : string.Empty;
        if (message.EndsWith("to \"fail\" threw", StringComparison.Ordinal) || message.EndsWith("to \"record_in_background\" threw", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _expectedErrorLogs);
            return;
        }

        lock (_unexpectedLogs)
        {
            _unexpectedLogs.Add(line);
        }
    }
}
