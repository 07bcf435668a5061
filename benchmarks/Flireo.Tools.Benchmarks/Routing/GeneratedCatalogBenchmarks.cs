using BenchmarkDotNet.Attributes;
using Flireo.Tools.Benchmarks.GeneratedTools;
using Flireo.Tools.Benchmarks.Support;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Benchmarks.Routing;

/// <summary>Measures what the router costs per call over a direct call, on the reflection path and on the generated catalog.</summary>
/// <remarks>
/// One tool, <c>lookup_contact</c> of <see cref="GeneratedContactTools"/> (an assembly compiled with the source generator),
/// called directly (the reference), then through a <see cref="ToolRouter"/> with the idempotency cache off, once with
/// <see cref="FlireoToolsOptions.UseGeneratedToolCatalog"/> false (compiled expression, reflection binding) and once with
/// the generated catalog (direct invoker, generated JSON contracts), and on the generated catalog with the tool marked
/// <see cref="FlireoToolAttribute.NonBlocking"/> (no hop to the tool scheduler). Issue 23's target: the generated router adds at most
/// 1 µs over the direct call. Input and batching as in <see cref="RouterOverheadBenchmarks"/>: parsed webhooks with
/// distinct tool call ids, 64 operations per batch on a thread-pool thread.
/// </remarks>
[MemoryDiagnoser]
public class GeneratedCatalogBenchmarks
{
    private const string NonBlockingTool = "lookup_contact_nonblocking";
    private readonly GeneratedContactTools _tools = new();
    private ParsedWebhooks _webhooks = null!;
    private ParsedWebhooks _nonBlockingWebhooks = null!;
    private ServiceProvider _reflectionServices = null!;
    private ServiceProvider _generatedServices = null!;
    private ToolRouter _reflectionRouter = null!;
    private ToolRouter _generatedRouter = null!;
    private ServiceProvider _nonBlockingServices = null!;
    private ToolRouter _nonBlockingRouter = null!;
    private object? _sink;

    [GlobalSetup]
    public void Setup()
    {
        _webhooks = ParsedWebhooks.Create();
        _nonBlockingWebhooks = ParsedWebhooks.Create(NonBlockingTool);
        (_reflectionServices, _reflectionRouter) = CreateRouter(generatedCatalog: false);
        (_generatedServices, _generatedRouter) = CreateRouter(generatedCatalog: true);
        (_nonBlockingServices, _nonBlockingRouter) = CreateRouter(generatedCatalog: true, nonBlocking: true);

        // Both routers must give the tool's answer, and the same one, or the comparison means nothing.
        var message = _webhooks.Next();
        var reflection = AnswerOf(_reflectionRouter, message);
        var generated = AnswerOf(_generatedRouter, message);
        var nonBlocking = AnswerOf(_nonBlockingRouter, _nonBlockingWebhooks.Next());
        if (reflection != generated || generated != nonBlocking || !generated.Contains("\"c_42\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The paths answer differently: '{reflection}' by reflection, '{generated}' generated, '{nonBlocking}' generated and non-blocking.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _webhooks.Dispose();
        _nonBlockingWebhooks.Dispose();
        _reflectionServices.Dispose();
        _generatedServices.Dispose();
        _nonBlockingServices.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch.Size, Description = "Direct call")]
    public Task Direct() => Batch.RunSync(this, static self =>
    {
        self._webhooks.Next();
        self._sink = self._tools.LookupContact("Jan de Vries");
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "ToolRouter, reflection path (UseGeneratedToolCatalog=false)")]
    public Task ReflectionRouter() => Batch.RunAsync(this, static async self =>
        self._sink = await self._reflectionRouter.RouteAsync(self._webhooks.Next(), CancellationToken.None));

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "ToolRouter, generated catalog")]
    public Task GeneratedRouter() => Batch.RunAsync(this, static async self =>
        self._sink = await self._generatedRouter.RouteAsync(self._webhooks.Next(), CancellationToken.None));

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "ToolRouter, generated catalog, NonBlocking tool (no hop)")]
    public Task GeneratedNonBlockingRouter() => Batch.RunAsync(this, static async self =>
        self._sink = await self._nonBlockingRouter.RouteAsync(self._nonBlockingWebhooks.Next(), CancellationToken.None));

    private static (ServiceProvider Services, ToolRouter Router) CreateRouter(bool generatedCatalog, bool nonBlocking = false)
    {
        var services = FlireoServices.Create(
            outcomeCache: false,
            configure: options => options.UseGeneratedToolCatalog = generatedCatalog,
            addTools: nonBlocking ? static tools => tools.AddTools<NonBlockingContactTools>() : static tools => tools.AddTools<GeneratedContactTools>());
        var name = nonBlocking ? NonBlockingTool : "lookup_contact";
        var router = services.GetRequiredService<ToolRouter>();

        // The path measured must be the one named: the generated direct invoker, or the compiled expression.
        var tool = router.Catalog.TryGetTool(name, out var found) ? found : throw new InvalidOperationException($"{name} is missing.");
        if (tool.Invoker.IsGenerated != generatedCatalog || tool.NonBlocking != nonBlocking)
        {
            throw new InvalidOperationException($"{name} is {(tool.Invoker.IsGenerated ? "" : "not ")}called through the generated catalog with UseGeneratedToolCatalog={generatedCatalog}, or its NonBlocking is not {nonBlocking}.");
        }

        return (services, router);
    }

    private static string AnswerOf(ToolRouter router, WebhookMessage message)
    {
        var answer = router.RouteAsync(message, CancellationToken.None).AsTask().GetAwaiter().GetResult().Results[0];
        return answer.IsError ? throw new InvalidOperationException($"lookup_contact failed: {answer}") : answer.ToString();
    }
}
