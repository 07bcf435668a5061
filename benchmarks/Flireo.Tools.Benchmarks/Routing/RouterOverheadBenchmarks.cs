using BenchmarkDotNet.Attributes;
using Flireo.Tools.Benchmarks.Plugin;
using Flireo.Tools.Benchmarks.Support;
using Flireo.Tools.Invocation;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Benchmarks.Routing;

/// <summary>Measures what routing a parsed tool call costs over calling the tool method directly, rung by rung.</summary>
/// <remarks>
/// Input: already-parsed webhooks with distinct tool call ids. Rungs: the direct call (reference); the reference
/// server's hand-written dispatch (name lookup, bind <c>query</c>, call); the executor alone (bind, DI scope,
/// activation, compiled delegate, result to JSON); the router without and with its idempotency cache (adds the
/// thread-pool hand-off, deadline, linked cancellation, metrics and the answer object), and without the cache for the same
/// tool marked <see cref="FlireoToolAttribute.NonBlocking"/> (no hand-off; a completed call needs no deadline timer).
/// </remarks>
[MemoryDiagnoser]
public class RouterOverheadBenchmarks
{
    private readonly ContactTools _tools = new();
    private ParsedWebhooks _messages = null!;
    private ServiceProvider _services = null!;
    private ServiceProvider _servicesWithoutCache = null!;
    private ToolRouter _router = null!;
    private ToolRouter _routerWithoutCache = null!;
    private ServiceProvider _nonBlockingServices = null!;
    private ToolRouter _nonBlockingRouter = null!;
    private ToolExecutor _executor = null!;
    private ToolDescriptor _tool = null!;
    private object? _sink;

    [GlobalSetup]
    public void Setup()
    {
        _messages = ParsedWebhooks.Create();
        _services = FlireoServices.Create();
        _servicesWithoutCache = FlireoServices.Create(outcomeCache: false);
        _router = _services.GetRequiredService<ToolRouter>();
        _routerWithoutCache = _servicesWithoutCache.GetRequiredService<ToolRouter>();
        _nonBlockingServices = FlireoServices.Create(outcomeCache: false, addTools: static tools => tools.AddTools<NonBlockingLookupTools>());
        _nonBlockingRouter = _nonBlockingServices.GetRequiredService<ToolRouter>();
        _executor = _servicesWithoutCache.GetRequiredService<ToolExecutor>();
        _tool = _router.Catalog.TryGetTool("lookup_contact", out var tool) ? tool : throw new InvalidOperationException("lookup_contact is missing.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _messages.Dispose();
        _services.Dispose();
        _servicesWithoutCache.Dispose();
        _nonBlockingServices.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch.Size, Description = "Direct call")]
    public Task Direct() => Batch.RunSync(this, static self =>
    {
        self.NextMessage();
        self._sink = self._tools.LookupContact("Jan de Vries");
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "Reference hand-written dispatch")]
    public Task HandWrittenDispatch() => Batch.RunSync(this, static self =>
    {
        var call = self.NextMessage().ToolCalls[0];
        self._sink = Reference.Dispatcher.Handlers.TryGetValue(call.Name, out var handler)
            ? new Reference.ToolResult(call.Id, handler(call.Arguments))
            : null;
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "ToolExecutor bind+invoke (no router)")]
    public Task Executor() => Batch.RunAsync(this, static async self =>
    {
        var message = self.NextMessage();
        var call = message.ToolCalls[0];
        var values = self._executor.Bind(self._tool, call.Id, call.Arguments, out _)!;
        self._sink = await self._executor.InvokeAsync(self._tool, values, ToolCallContext.Create(message, call), CancellationToken.None);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "ToolRouter, idempotency cache off")]
    public Task RouterWithoutCache() => Batch.RunAsync(this, static async self =>
        self._sink = await self._routerWithoutCache.RouteAsync(self.NextMessage(), CancellationToken.None));

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "ToolRouter, idempotency cache off, NonBlocking tool (no hop)")]
    public Task RouterNonBlockingWithoutCache() => Batch.RunAsync(this, static async self =>
        self._sink = await self._nonBlockingRouter.RouteAsync(self.NextMessage(), CancellationToken.None));

    [Benchmark(OperationsPerInvoke = Batch.Size, Description = "ToolRouter (defaults)")]
    public Task Router() => Batch.RunAsync(this, static async self =>
        self._sink = await self._router.RouteAsync(self.NextMessage(), CancellationToken.None));

    private WebhookMessage NextMessage() => _messages.Next();
}
