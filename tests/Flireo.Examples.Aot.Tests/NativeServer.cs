using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Flireo.Tools.Tests.Shared;

namespace Flireo.Examples.Aot.Tests;

/// <summary>Runs the published native executable on a free loopback port and stops it when disposed.</summary>
internal sealed class NativeServer : IAsyncDisposable
{
    public const string Secret = "aot-sample-test-secret";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NativeServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Gets what the server wrote to its console so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the executable and waits until it accepts connections.</summary>
    public static async Task<NativeServer> StartAsync(string executable)
    {
        var url = $"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The machine's own settings must not change what the sample does.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Flireo", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["Flireo__WebhookSecret"] = Secret;
        start.Environment["ASPNETCORE_URLS"] = url;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var server = new NativeServer(process, new Uri(url));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilListeningAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Builds a webhook request signed with <see cref="Secret"/>, as Flireo signs it.</summary>
    public static HttpRequestMessage Signed(string json, string secret = Secret) => SignedWebhooks.Post("/flireo", json, secret);

    /// <summary>Builds a <c>tool-calls</c> webhook body with one call.</summary>
    public static string ToolCall(string toolName, string arguments) => """
        {"message":{"type":"tool-calls","call":{"id":"call-aot","type":"inbound_phone_call","status":"in-progress"},
        "tool_call_list":[{"id":"tool-1","type":"function","function":{"name":"TOOL_NAME","arguments":ARGUMENTS}}]}}
        """.Replace("TOOL_NAME", toolName, StringComparison.Ordinal).Replace("ARGUMENTS", arguments, StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await ChildProcess.StopAsync(_process);
    }

    private async Task WaitUntilListeningAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The native sample exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} before it listened. Output:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(BaseAddress.Host, BaseAddress.Port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet: wait for the process a little, then try again.
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).WaitAsync(TimeSpan.FromMilliseconds(50), timeout.Token);
                }
                catch (TimeoutException)
                {
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The native sample did not listen on {BaseAddress} within {StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds. Output:\n{Output}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
