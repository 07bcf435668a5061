using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Flireo.Tools.Tests.Shared;

namespace Flireo.Tools.Server.Tests.TestSupport;

/// <summary>Runs the real built server as a separate process on a free loopback port and watches its output.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The environment variable of the SQLite queue folder; a fresh temporary folder is used when the caller gives none.</summary>
    public const string DataDirectoryVariable = "Flireo__Server__DataDirectory";

    private const int SigTerm = 15;
    private const int SigKill = 9;

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _errors = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Signal)> _waiters = [];
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorsClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly string? _ownedDataDirectory;

    private ServerProcess(Process process, int port, string? ownedDataDirectory)
    {
        _process = process;
        _ownedDataDirectory = ownedDataDirectory;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    /// <summary>Gets the standard output lines so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Gets the standard error text so far.</summary>
    public string Errors
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _errors);
            }
        }
    }

    /// <summary>Starts the server with the arguments; <c>--urls</c> on a free loopback port is added, and the environment is cleaned of host settings.</summary>
    /// <remarks>An environment value of <see langword="null"/> leaves the variable unset (for <see cref="DataDirectoryVariable"/>: the server's default folder).</remarks>
    public static ServerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(TestPaths.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.RepositoryRoot,
        };
        start.ArgumentList.Add(TestPaths.ServerAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Flireo__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Serilog__", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        // Servers run in parallel: each gets its own SQLite queue folder unless the test shares one on purpose (a restart).
        string? ownedDataDirectory = null;
        if (environment?.ContainsKey(DataDirectoryVariable) != true)
        {
            ownedDataDirectory = Directory.CreateTempSubdirectory("flireo-server-data-").FullName;
            start.Environment[DataDirectoryVariable] = ownedDataDirectory;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, port, ownedDataDirectory);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnError(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until the host reports it has started, then checks the liveness endpoint answers.</summary>
    public async Task WaitUntilStartedAsync()
    {
        await WaitForOutputAsync(line => line.Contains("Application started", StringComparison.Ordinal), StartTimeout);
        using var health = await Client.GetAsync("/healthz");
        health.StatusCode.Should().Be(HttpStatusCode.OK, "the server reported it started, so /healthz must answer");
    }

    /// <summary>Waits for an output line that matches; fails at once, with the server's output, if the server exits first.</summary>
    public Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var seen = _output.FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            if (_outputClosed.Task.IsCompleted)
            {
                return Task.FromException<string>(new InvalidOperationException($"The server exited before writing the expected line.{Describe()}"));
            }

            _waiters.Add((match, signal));
        }

        return WithTimeoutAsync(signal.Task, timeout);
    }

    /// <summary>Waits for a JSON log event whose rendered message matches.</summary>
    public Task<string> WaitForLogAsync(string messageContains, TimeSpan timeout) =>
        WaitForOutputAsync(line => RenderedMessage(line)?.Contains(messageContains, StringComparison.Ordinal) == true, timeout);

    /// <summary>Sends SIGTERM, as a container runtime does on stop.</summary>
    public void Terminate()
    {
        if (NativeMethods.kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Sends SIGKILL: the process ends at once, without shutdown code, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (NativeMethods.kill(_process.Id, SigKill) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGKILL) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Waits for the process to exit and for its output to be read completely.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(_outputClosed.Task, _errorsClosed.Task).WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server did not exit within {timeout}.{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Gets the rendered message of a compact JSON log line, or <see langword="null"/> for other lines.</summary>
    public static string? RenderedMessage(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.TryGetProperty("@m", out var message) ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await ChildProcess.StopAsync(_process);
        if (_ownedDataDirectory is not null)
        {
            Directory.Delete(_ownedDataDirectory, recursive: true);
        }
    }

    public string Describe() =>
        $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{string.Join(Environment.NewLine, Output)}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Errors}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<string> WithTimeoutAsync(Task<string> task, TimeSpan timeout)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The expected server output did not appear within {timeout}.{Describe()}");
        }
    }

    private void OnOutput(string? line)
    {
        List<TaskCompletionSource<string>> matched = [];
        List<TaskCompletionSource<string>> orphaned = [];
        lock (_output)
        {
            if (line is null)
            {
                orphaned.AddRange(_waiters.Select(w => w.Signal));
                _waiters.Clear();
            }
            else
            {
                _output.Add(line);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Match(line))
                    {
                        matched.Add(_waiters[i].Signal);
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }

        foreach (var signal in matched)
        {
            signal.TrySetResult(line!);
        }

        if (line is null)
        {
            _outputClosed.TrySetResult();
            foreach (var signal in orphaned)
            {
                signal.TrySetException(new InvalidOperationException($"The server exited before writing the expected line.{Describe()}"));
            }
        }
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            _errorsClosed.TrySetResult();
            return;
        }

        lock (_output)
        {
            _errors.Add(line);
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054", Justification = "One call in tests; LibraryImport would need unsafe code.")]
        public static extern int kill(int pid, int sig);
    }
}
