using System.Net;
using System.Reflection;
using Flireo.Tools.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Hosting.Tests;

/// <summary>The server answers while its async work store opens in the background: sync calls and liveness at once, async calls and readiness once the store is open; a store that cannot be opened makes it unhealthy.</summary>
public sealed class ServerQueueOpeningTests : IDisposable
{
    private const string Secret = "opening-secret";
    private const string SyncCall = """{"message":{"type":"tool-calls","call":{"id":"c1"},"toolCallList":[{"id":"t1","type":"function","function":{"name":"get_opening_hours","arguments":{"day":"Monday"}}}]}}""";
    private const string AsyncCall = """{"message":{"type":"tool-calls","call":{"id":"c1"},"toolCallList":[{"id":"t2","type":"function","function":{"name":"send_confirmation_sms","arguments":{"phone":"+31612345678","text":"See you at 8"}}}]}}""";

    private static readonly string SampleTools = typeof(ServerQueueOpeningTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleTools").Value!;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("flireo-opening-");

    [Fact]
    public async Task Server_StoreStillOpening_AnswersSyncCallsAndLivenessWhileAsyncCallsAndReadinessWaitForIt()
    {
        var (app, store) = await StartAsync();
        await using var disposeApp = app;
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var acknowledgement = client.SendAsync(SignedWebhooks.Post("/flireo", AsyncCall, Secret));
        var readiness = client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var sync = await client.SendAsync(SignedWebhooks.Post("/flireo", SyncCall, Secret));
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var waiting = !acknowledgement.IsCompleted && !readiness.IsCompleted && store.Enqueued == 0;
        store.Gate.SetResult();
        using var acknowledged = await acknowledgement.WaitAsync(TestTimeout.Value);
        using var ready = await readiness.WaitAsync(TestTimeout.Value);
        await app.StopAsync();

        (await sync.Content.ReadAsStringAsync()).Should().Be("""{"results":[{"toolCallId":"t1","result":"Closed on Mondays."}]}""");
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        waiting.Should().BeTrue("the async call and the readiness probe wait for the store while the sync call is answered");
        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK);
        (await acknowledged.Content.ReadAsStringAsync()).Should().Be("""{"results":[{"toolCallId":"t2","result":"I will text you the confirmation."}]}""");
        store.Enqueued.Should().Be(1, "the call is stored before it is acknowledged");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("""{"status":"Healthy"}""");
    }

    [Fact]
    public async Task Server_StoreCannotBeOpened_LivenessAndReadinessAre503AndAsyncCallsGetAnErrorResult()
    {
        var (app, store) = await StartAsync();
        await using var disposeApp = app;
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Lifetime.ApplicationStopping.Register(stopping.SetResult);

        store.Gate.SetException(new InvalidOperationException("Cannot open the async work database '/data/flireo-tools-work.db': disk I/O error"));
        await stopping.Task.WaitAsync(TestTimeout.Value);
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var refused = await client.SendAsync(SignedWebhooks.Post("/flireo", AsyncCall, Secret));
        var failure = app.Services.GetRequiredService<ServerQueueOpening>().Failure;
        await app.StopAsync();

        live.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await live.Content.ReadAsStringAsync()).Should().Be("""{"status":"Unhealthy"}""", "the reason is in the log, not in an anonymous answer");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Be("""{"results":[{"toolCallId":"t2","result":"The tool 'send_confirmation_sms' cannot take more work right now. Please try again later.","error":"The tool 'send_confirmation_sms' cannot take more work right now. Please try again later."}]}""");
        store.Enqueued.Should().Be(0);
        ServerQueueOpening.Describe(new ServerQueueSetup(ServerQueue.Sqlite, "/data/flireo-tools-work.db"), failure!).Should().Be(
            "Cannot open the SQLite queue file '/data/flireo-tools-work.db': Cannot open the async work database '/data/flireo-tools-work.db': disk I/O error. "
            + "Set Flireo__Server__DataDirectory (Flireo:Server:DataDirectory) to a writable folder on a local disk that is kept across restarts, or move the file away if it is not a Flireo.Tools queue.");
    }

    public void Dispose() => _folder.Delete(recursive: true);

    // The server on the SQLite queue, with its store's open held until the test releases it.
    private async Task<(WebApplication App, GatedOpenStore Store)> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flireo:WebhookSecret"] = Secret,
            ["Flireo:Server:DataDirectory"] = _folder.FullName,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var store = new GatedOpenStore(new SqliteToolWorkStore(Options.Create(new SqliteToolWorkQueueOptions { DataDirectory = _folder.FullName })));
        builder.AddFlireoToolServer(options => options.ToolSources.Add(SampleTools)).AddToolWorkStore(_ => store);
        var app = builder.Build();
        app.MapFlireoToolServer();
        await app.StartAsync();
        return (app, store);
    }
}
