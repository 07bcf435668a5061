using BenchmarkDotNet.Attributes;
using Flireo.Tools.AspNetCore;
using Flireo.Tools.Benchmarks.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Benchmarks.Webhooks;

/// <summary>Measures one signed tool-calls webhook through a request handler, without HTTP: read, verify, parse, route, invoke, serialize.</summary>
/// <remarks>
/// The reference is the bare-Kestrel server's <c>/tools-hmac</c> handler; the framework is <c>MapFlireoWebhooks</c>'
/// handler. Both get a fresh <see cref="DefaultHttpContext"/> over the same signed body per operation;
/// <see cref="ContextOnly"/> is that harness alone, to subtract when reading absolute figures.
/// </remarks>
[MemoryDiagnoser]
public class WebhookEndpointBenchmarks
{
    private SignedBodies _bodies = null!;
    private ServiceProvider _services = null!;
    private FlireoWebhookEndpoint _endpoint = null!;
    private ServiceProvider _nonBlockingServices = null!;
    private FlireoWebhookEndpoint _nonBlockingEndpoint = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _bodies = SignedBodies.Create();
        _services = FlireoServices.Create();
        _endpoint = FlireoWebhookEndpoint.Create(_services, "/flireo");
        _nonBlockingServices = FlireoServices.Create(addTools: static tools => tools.AddTools<Routing.NonBlockingLookupTools>());
        _nonBlockingEndpoint = FlireoWebhookEndpoint.Create(_nonBlockingServices, "/flireo");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _nonBlockingServices.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch.Size, Description = "Reference /tools-hmac handler")]
    public Task Reference() => Batch.RunAsync(this, static async self =>
    {
        var context = self.NextContext();
        await Benchmarks.Reference.ReferenceHandler.ToolsHmacAsync(context, SignedBodies.SecretBytes);
        Check(context);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "MapFlireoWebhooks handler")]
    public Task Framework() => Batch.RunAsync(this, static async self =>
    {
        var context = self.NextContext();
        await self._endpoint.HandleAsync(context);
        Check(context);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "MapFlireoWebhooks handler, NonBlocking tool (no hop)")]
    public Task FrameworkNonBlocking() => Batch.RunAsync(this, static async self =>
    {
        var context = self.NextContext();
        await self._nonBlockingEndpoint.HandleAsync(context);
        Check(context);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "Harness only (context, no handler)")]
    public Task ContextOnly() => Batch.RunAsync(this, static self =>
    {
        Check(self.NextContext());
        return ValueTask.CompletedTask;
    });

    private static void Check(HttpContext context)
    {
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"The handler answered {context.Response.StatusCode}.");
        }
    }

    private DefaultHttpContext NextContext()
    {
        var i = Interlocked.Increment(ref _next) & _bodies.Mask;
        var body = _bodies.Bodies[i];
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = HttpMethods.Post;
        request.Path = "/flireo";
        request.ContentType = "application/json";
        request.ContentLength = body.Length;
        request.Headers["X-Webhook-Event"] = "tool-calls";
        request.Headers["X-Webhook-Timestamp"] = _bodies.Timestamp;
        request.Headers["X-Webhook-Signature"] = _bodies.Signatures[i];
        request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = Stream.Null;
        return context;
    }
}
