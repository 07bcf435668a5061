using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Reliability.Tests.Support;

/// <summary>The real server as a separate process with the reliability plugin, shared by a test collection.</summary>
/// <remarks>
/// The server keeps the default 9-second sync deadline; the hanging tools have a 1-second limit of their own. So only
/// they race a deadline: a tool that fails in another way (10 MB result, throwing constructor) is answered with its own
/// error long before its deadline even on a loaded machine, instead of racing a 1-second timer.
/// </remarks>
public sealed class ReliabilityServer : IAsyncLifetime
{
    public const string Secret = "reliability-secret";

    public ServerProcess Process { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The measuring side must not be what is late: this process reads the server's output on pool threads and
        // keeps hundreds of requests in flight, so its own pool starts with enough threads.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        Process = Start(ReliabilityPlugin.AssemblyPath);
        await Process.WaitUntilStartedAsync();
    }

    public async Task DisposeAsync() => await Process.DisposeAsync();

    /// <summary>Starts a server with the given tool assembly; the caller waits for it and disposes it.</summary>
    public static ServerProcess Start(string toolAssembly) => ServerProcess.Start(
        ["--tools", toolAssembly],
        new Dictionary<string, string?>
        {
            ["Flireo__WebhookSecret"] = Secret,
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information",
        });
}

/// <summary>The test classes that share one running <see cref="ReliabilityServer"/>.</summary>
[CollectionDefinition(nameof(ReliabilityServerCollection))]
public sealed class ReliabilityServerCollection : ICollectionFixture<ReliabilityServer>;
