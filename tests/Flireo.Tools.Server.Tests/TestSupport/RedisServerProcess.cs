using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flireo.Tools.Server.Tests.TestSupport;

/// <summary>Runs a throw-away redis-server on a free port of 127.0.0.1, without persistence, for one test.</summary>
/// <remarks>The test needs the real server: when redis-server is not installed it fails, saying how to install it (<c>.ci/run</c> does).</remarks>
internal sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port}";
    }

    /// <summary>Gets the StackExchange.Redis connection string of the server.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts redis-server and waits until it accepts connections.</summary>
    public static async Task<RedisServerProcess> StartAsync()
    {
        var executable = FindExecutable("redis-server") ?? throw new InvalidOperationException(
            "redis-server is not installed, and this test runs two servers on a real one. Install it with `apt-get install -y redis-server` (Debian package); the test starts and stops its own server on a free port.");
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) =>
        {
            lock (output)
            {
                ready.TrySetException(new InvalidOperationException("redis-server exited at start:" + Environment.NewLine + output));
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServerProcess(process, port);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append("/usr/bin")
            .Append("/usr/local/bin")
            .Where(directory => directory.Length > 0)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
