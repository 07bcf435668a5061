using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flireo.Examples.Docs.Tests.Support;

/// <summary>Runs a program's <c>Main</c> on a real port, as <c>dotnet run</c> would, and stops it when disposed.</summary>
/// <remarks>
/// The host the program builds is caught through the hosting diagnostics ("HostBuilt"), the same hook
/// <c>WebApplicationFactory</c> uses, so the program's own code runs unchanged, <c>app.Run()</c> included.
/// </remarks>
internal sealed class RunningProgram : IAsyncDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly TaskCompletionSource<IHost> _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly string _url;
    private Task? _main;

    private RunningProgram(string url)
    {
        _url = url;
        BaseAddress = new Uri(url);
    }

    /// <summary>Gets the address the program listens on, such as <c>http://127.0.0.1:5123</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts <paramref name="main"/> with <c>--urls</c> set to a free local port and waits until it listens.</summary>
    public static async Task<RunningProgram> StartAsync(Action<string[]> main, params string[] args)
    {
        var program = new RunningProgram($"http://127.0.0.1:{FreePort()}");
        program._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(program));
        string[] all = [.. args, "--urls", program._url];
        program._main = Task.Factory.StartNew(() => main(all), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAny(program._built.Task, program._main).WaitAsync(TimeSpan.FromSeconds(30));
        if (!program._built.Task.IsCompleted)
        {
            await program._main;
            throw new InvalidOperationException("The program ended before it built its host.");
        }

        var host = await program._built.Task;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await Task.WhenAny(started.Task, program._main).WaitAsync(TimeSpan.FromSeconds(30));
        }

        if (program._main.IsCompleted)
        {
            await program._main;
        }

        return program;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        if (_built.Task.IsCompletedSuccessfully)
        {
            _built.Task.Result.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }

        if (_main is not null)
        {
            await _main.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.Extensions.Hosting")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // Other tests build hosts at the same time: take the one configured with this program's address.
        if (value.Key == "HostBuilt" && value.Value is IHost host && host.Services.GetService<IConfiguration>()?["urls"] == _url)
        {
            _built.TrySetResult(host);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
