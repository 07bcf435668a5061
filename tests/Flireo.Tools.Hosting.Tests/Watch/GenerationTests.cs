using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Flireo.Tools.Hosting.Watch;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Flireo.Tools.Hosting.Tests.Watch;

/// <summary>One generation of <c>serve --watch</c>: a tool-server app over a copy of a build, in a collectible load context.</summary>
public sealed class GenerationTests : IDisposable
{
    private static readonly string SampleTools = typeof(GenerationTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleTools").Value!;

    private readonly string _folder = Directory.CreateTempSubdirectory("flireo-generation-").FullName;

    [Fact]
    public async Task Retire_AfterItsCalls_UnloadsTheLoadContext()
    {
        var front = new FrontApplication();
        var (answer, loadContext) = await ServeOneCallAndRetireAsync(front);

        // The runtime unloads a collectible context once nothing references its types; collections make that visible.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (loadContext.IsAlive && DateTime.UtcNow < deadline)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(100);
        }

        answer.Should().Be("""{"results":[{"toolCallId":"t1","result":"Closed on Mondays."}]}""");
        loadContext.IsAlive.Should().BeFalse("the retired generation's load context must unload once its calls are done");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<(string Answer, WeakReference LoadContext)> ServeOneCallAndRetireAsync(FrontApplication front)
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(SampleTools)!))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        var options = new FlireoToolServerOptions { Output = TextWriter.Null, Error = TextWriter.Null, DevelopmentBanner = false };
        var generation = await Generation.StartAsync(
            1,
            Path.Combine(_folder, Path.GetFileName(SampleTools)),
            "fingerprint",
            ["--environment", "Development", "--Flireo:AllowUnsignedRequests=true", "--Flireo:Server:Queue=Memory"],
            options,
            ["http://127.0.0.1:5000"],
            CancellationToken.None);
        front.Current = generation.Server;
        var answer = await CallAsync(front, """{"message":{"type":"tool-calls","call":{"id":"c1"},"toolCallList":[{"id":"t1","type":"function","function":{"name":"get_opening_hours","arguments":{"day":"Monday"}}}]}}""");
        front.Current = null;
        return (answer, await generation.RetireAsync());
    }

    /// <summary>Sends one request through the front application the way Kestrel does: create, process, dispose.</summary>
    private static async Task<string> CallAsync(FrontApplication front, string json)
    {
        var body = new MemoryStream();
        var features = new FeatureCollection();
        var request = new HttpRequestFeature { Method = "POST", Path = "/flireo", Scheme = "http", Protocol = "HTTP/1.1", Body = new MemoryStream(Encoding.UTF8.GetBytes(json)) };
        request.Headers.ContentType = "application/json";
        request.Headers.Host = "127.0.0.1";
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        var context = front.CreateContext(features);
        Exception? failure = null;
        try
        {
            await front.ProcessRequestAsync(context);
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            front.DisposeContext(context, failure);
        }

        return Encoding.UTF8.GetString(body.ToArray());
    }
}
