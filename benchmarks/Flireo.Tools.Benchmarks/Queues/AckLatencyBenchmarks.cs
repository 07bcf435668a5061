using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Flireo.Tools.Benchmarks.Plugin;
using Flireo.Tools.Benchmarks.Support;
using Flireo.Tools.Protocol;
using Flireo.Tools.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Benchmarks.Queues;

/// <summary>Measures how long an async tool call takes to be acknowledged with each work queue: in memory, SQLite, Redis Streams.</summary>
/// <remarks>
/// <para>
/// One signed webhook per measurement (notify_team, no work) goes through the in-process pipeline: verify, parse, route
/// (the router stores the call in the queue before it answers), serialize. Each call has its own tool call id, so no call
/// is a duplicate. The queue's processor runs in the background, as in the server, so acknowledgements compete with the
/// work they queued. The ratio columns divide by the in-memory queue measured in the same run.
/// </para>
/// <para>
/// SQLite uses a fresh database in a temporary folder. Redis uses <c>FLIREO_BENCH_REDIS</c> if set, otherwise a
/// redis-server started on a free loopback port for the run (append-only file, fsync every second), with a fresh key prefix.
/// </para>
/// </remarks>
[Config(typeof(AckLatencyConfig))]
public class AckLatencyBenchmarks
{
    private const int BodyCount = 8192;
    private SignedBodies _bodies = null!;
    private ServiceProvider _services = null!;
    private ToolRouter _router = null!;
    private WebhookSignatureVerifier _verifier = null!;
    private List<IHostedService> _hosted = [];
    private string? _folder;
    private BenchRedisServer? _redis;
    private int _next = -1;

    [GlobalSetup(Target = nameof(Memory))]
    public Task SetupMemoryAsync() => SetupAsync(static _ => { });

    [GlobalSetup(Target = nameof(Sqlite))]
    public Task SetupSqliteAsync()
    {
        _folder = Directory.CreateTempSubdirectory("flireo-bench-sqlite-").FullName;
        var folder = _folder;
        return SetupAsync(tools => tools.AddSqliteToolWorkQueue(options => options.DataDirectory = folder));
    }

    [GlobalSetup(Target = nameof(Redis))]
    public Task SetupRedisAsync()
    {
        _redis = BenchRedisServer.Start();
        var connection = _redis.ConnectionString;
        var prefix = "{flireo-bench-" + Guid.NewGuid().ToString("N") + "}:work";
        return SetupAsync(tools => tools.AddRedisToolWorkQueue(options =>
        {
            options.ConnectionString = connection;
            options.KeyPrefix = prefix;
        }));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var hosted in _hosted)
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        _redis?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "in-memory queue")]
    public ValueTask<int> Memory() => AcknowledgeAsync();

    [Benchmark(Description = "SQLite queue")]
    public ValueTask<int> Sqlite() => AcknowledgeAsync();

    [Benchmark(Description = "Redis Streams queue")]
    public ValueTask<int> Redis() => AcknowledgeAsync();

    private async Task SetupAsync(Action<IFlireoToolsBuilder> queue)
    {
        if (BodyCount < AckLatencyConfig.WarmupCalls + AckLatencyConfig.MeasuredCalls + 16)
        {
            throw new InvalidOperationException("Too few distinct bodies: some calls would be duplicates.");
        }

        _bodies = SignedBodies.Create(BodyCount, "notify_team", """{"message":"Jan de Vries called","workMs":0}""");
        var services = new ServiceCollection();
        services.AddLogging();
        var tools = services.AddFlireoTools(options =>
        {
            options.WebhookSecret = SignedBodies.Secret;
            options.AsyncTools.QueueCapacity = BodyCount * 2;
        })
        .AddTools<ContactTools>()
        .AddTools<SlowTools>();
        queue(tools);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = false });
        _router = _services.GetRequiredService<ToolRouter>();
        _verifier = WebhookSignatureVerifier.Create(_services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value, TimeProvider.System);
        _hosted = [.. _services.GetServices<IHostedService>()];
        foreach (var hosted in _hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        // The first call opens the store (a connection, a schema): done here, not in the first measurement.
        if (await AcknowledgeAsync() == 0)
        {
            throw new InvalidOperationException("The first call was not answered.");
        }
    }

    private async ValueTask<int> AcknowledgeAsync()
    {
        var i = Interlocked.Increment(ref _next);
        if (i >= BodyCount)
        {
            throw new InvalidOperationException($"All {BodyCount} distinct bodies were used; a further call would be a duplicate.");
        }

        var body = _bodies.Bodies[i];
        if (_verifier.Verify(_bodies.Timestamp, _bodies.Signatures[i], body) != SignatureCheck.Valid)
        {
            throw new InvalidOperationException("Bad signature.");
        }

        if (!WebhookMessage.TryParse(body, out var message, out var error))
        {
            throw new InvalidOperationException(error);
        }

        using (message)
        {
            var answer = await _router.RouteAsync(message, CancellationToken.None);
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                answer.WriteTo(writer);
            }

            if (buffer.WrittenSpan.IndexOf("let the team know"u8) < 0)
            {
                throw new InvalidOperationException("The call was not acknowledged: " + System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            }

            return buffer.WrittenCount;
        }
    }
}
