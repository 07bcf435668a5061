using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Flireo.Tools.Benchmarks.Queues;

/// <summary>Finds the Redis to measure: <c>FLIREO_BENCH_REDIS</c> (a connection string) if set, else a throw-away redis-server on a free port.</summary>
internal sealed class BenchRedisServer : IDisposable
{
    /// <summary>The environment variable naming an existing Redis to use instead of starting one.</summary>
    public const string Variable = "FLIREO_BENCH_REDIS";

    private static readonly string[] Locations = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private readonly Process? _process;
    private readonly string? _folder;

    private BenchRedisServer(string connectionString, Process? process = null, string? folder = null)
    {
        ConnectionString = connectionString;
        _process = process;
        _folder = folder;
    }

    public string ConnectionString { get; }

    public static BenchRedisServer Start()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new BenchRedisServer(configured);
        }

        var executable = Locations.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"redis-server is not installed: `apt-get install -y redis-server`, or set {Variable} to a Redis connection string.");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        // Durable as a work queue should be: the append-only file, written to disk every second (appendfsync everysec).
        var folder = Directory.CreateTempSubdirectory("flireo-bench-redis-").FullName;
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "yes", "--appendfsync", "everysec"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                // Keep draining its output so redis-server never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                return new BenchRedisServer($"127.0.0.1:{port}", process, folder);
            }

            if (DateTime.UtcNow > deadline)
            {
                break;
            }
        }

        process.Kill();
        process.Dispose();
        Directory.Delete(folder, recursive: true);
        throw new InvalidOperationException("redis-server did not become ready.");
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
