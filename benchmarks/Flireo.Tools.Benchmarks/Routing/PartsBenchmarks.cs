using BenchmarkDotNet.Attributes;
using Flireo.Tools.Benchmarks.Plugin;
using Flireo.Tools.Benchmarks.Support;
using Flireo.Tools.Invocation;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Benchmarks.Routing;

[MemoryDiagnoser]
public class PartsBenchmarks
{
    private ParsedWebhooks _messages = null!;
    private ServiceProvider _services = null!;
    private ToolExecutor _executor = null!;
    private ToolDescriptor _tool = null!;
    private System.Text.Json.JsonSerializerOptions _options = null!;
    private object? _sink;

    [GlobalSetup]
    public void Setup()
    {
        _messages = ParsedWebhooks.Create();
        _services = FlireoServices.Create(outcomeCache: false, addTools: static tools => tools.AddTools<NonBlockingLookupTools>());
        _executor = _services.GetRequiredService<ToolExecutor>();
        _tool = _executor.Catalog.Tools[0];
        _options = ResultJson.CreateOptions(_executor.Catalog.SerializerOptions);
    }

    [Benchmark(OperationsPerInvoke = Batch.Size)]
    public Task Bind() => Batch.RunSync(this, static self =>
    {
        var call = self._messages.Next().ToolCalls[0];
        self._sink = self._executor.Bind(self._tool, call.Id, call.Arguments, out _);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size)]
    public Task ScopeResolve() => Batch.RunAsync(this, static async self =>
    {
        var scope = self._services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            self._sink = ActivatorUtilities.GetServiceOrCreateInstance<NonBlockingLookupTools>(scope.ServiceProvider);
        }
    });

    [Benchmark(OperationsPerInvoke = Batch.Size)]
    public Task Serialize() => Batch.RunSync(this, static self =>
    {
        self._messages.Next();
        self._sink = ResultJson.Serialize(new ContactResult("Jan de Vries", "c_42", "+31612345678", true), typeof(ContactResult), self._options);
    });

    [Benchmark(OperationsPerInvoke = Batch.Size)]
    public Task Executor() => Batch.RunAsync(this, static async self =>
    {
        var call = self._messages.Next().ToolCalls[0];
        var values = self._executor.Bind(self._tool, call.Id, call.Arguments, out _)!;
        self._sink = await self._executor.RunAsync(self._tool, values, call.Id, null, CancellationToken.None);
    });
}
