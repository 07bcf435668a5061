using System.Text.Json;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Invocation;

/// <summary>Filters added with <c>AddFilter</c> run around every tool call the router answers.</summary>
public class ToolCallFilterTests
{
    private static RouterHost Host(Action<IFlireoToolsBuilder> filters, Action<IServiceCollection>? services = null)
        => new(b => filters(b.AddTools<SampleTools>()), null, s =>
        {
            s.AddSingleton<IGreetingService, GreetingService>();
            services?.Invoke(s);
        });

    private static async Task<IReadOnlyList<ToolCallResult>> Route(RouterHost host, params (string Id, string Tool, object? Arguments)[] calls)
    {
        using var message = TestWebhooks.ToolCalls(calls);
        return (await host.Router.RouteAsync(message, CancellationToken.None)).Results;
    }

    [Fact]
    public async Task Filters_RunInRegistrationOrder_FirstOutermost_AroundEachCall()
    {
        var trace = new List<string>();
        using var host = Host(b => b
            .AddFilter(async (context, next) =>
            {
                lock (trace) { trace.Add($"outer>{context.Call.Id}"); }
                var result = await next(context);
                lock (trace) { trace.Add($"outer<{context.Call.Id}"); }
                return result;
            })
            .AddFilter(async (context, next) =>
            {
                lock (trace) { trace.Add($"inner>{context.Call.Id}:{context.Tool?.Name ?? "?"}"); }
                var result = await next(context);
                lock (trace) { trace.Add($"inner<{context.Call.Id}"); }
                return result;
            }));

        var results = await Route(host, ("a", "sum", new { values = new[] { 1, 2 } }));

        results.Should().ContainSingle().Which.Result!.Value.GetDecimal().Should().Be(3);
        trace.Should().Equal("outer>a", "inner>a:sum", "inner<a", "outer<a");
    }

    [Fact]
    public async Task Filter_ThatReturnsItsOwnResult_ShortCircuits_TheToolDoesNotRun()
    {
        using var host = Host(b => b.AddFilter((context, _) => ValueTask.FromResult(
            context.Tool?.Name == "explode" ? ToolCallResult.Failure(context.Call.Id, "Not allowed on this line.") : ToolCallResult.Success(context.Call.Id, JsonSerializer.SerializeToElement("cached")))));

        var results = await Route(host, ("a", "explode", null), ("b", "sum", new { values = new[] { 1 } }));

        results[0].Error.Should().Be("Not allowed on this line.");
        results[1].Result!.Value.GetString().Should().Be("cached");
    }

    [Fact]
    public async Task Filter_CanChangeTheResult_AndSeesUnknownToolsWithoutADescriptor()
    {
        using var host = Host(b => b.AddFilter(async (context, next) =>
        {
            var result = await next(context);
            return context.Tool is null ? ToolCallResult.Failure(context.Call.Id, "redacted: " + (result.Error?.Split('.')[0] ?? string.Empty)) : result;
        }));

        var results = await Route(host, ("a", "nope", null), ("b", "greet", new { name = "Jan" }));

        results[0].Error.Should().Be("redacted: Unknown tool 'nope'");
        results[1].Result!.Value.GetString().Should().StartWith("Hello Jan");
    }

    [Fact]
    public async Task Filter_ThatThrows_FailsOnlyItsOwnCall_WithTheSafeText()
    {
        using var host = Host(b => b.AddFilter((context, next) =>
            context.Call.Id == "a" ? throw new InvalidOperationException("secret detail") : next(context)));

        var results = await Route(host, ("a", "sum", new { values = new[] { 1 } }), ("b", "sum", new { values = new[] { 2 } }));

        results[0].Error.Should().Be("The tool 'sum' failed. Please try again later.").And.NotContain("secret");
        results[1].Result!.Value.GetDecimal().Should().Be(2);
    }

    [Fact]
    public async Task Filter_ThatReturnsNull_FailsItsCall()
    {
        using var host = Host(b => b.AddFilter((_, _) => ValueTask.FromResult<ToolCallResult>(null!)));

        var results = await Route(host, ("a", "sum", new { values = new[] { 1 } }));

        results.Should().ContainSingle().Which.Error.Should().Be("The tool 'sum' failed. Please try again later.");
    }

    [Fact]
    public async Task AddFilterOfT_IsResolvedFromTheServices_OnceEvenWhenAddedTwice()
    {
        using var host = Host(b => b.AddFilter<CountingFilter>().AddFilter<CountingFilter>(), s => s.AddSingleton<CallCounter>());

        await Route(host, ("a", "sum", new { values = new[] { 1 } }), ("b", "nothing", null));

        host.Services.GetRequiredService<CallCounter>().Count.Should().Be(2);
        host.Services.GetServices<IToolCallFilter>().Should().ContainSingle();
    }

    [Fact]
    public async Task Filter_SeesAsyncTools_AroundTheAcknowledgement()
    {
        var seen = new List<string>();
        using var host = new RouterHost(
            b => b.AddTools<AsyncSampleTools>().AddFilter(async (context, next) =>
            {
                var result = await next(context);
                lock (seen) { seen.Add($"{context.Tool!.Name}:{context.Tool.IsAsync}:{result.IsError}"); }
                return result;
            }));

        using var message = TestWebhooks.ToolCalls(("a", "send_later", new { text = "hi" }));
        var response = await host.Router.RouteAsync(message, CancellationToken.None);

        response.Results.Should().ContainSingle().Which.IsError.Should().BeFalse();
        seen.Should().Equal("send_later:True:False");
        host.Queue.Items.Should().ContainSingle();
    }

    public sealed class CallCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    public sealed class CountingFilter(CallCounter counter) : IToolCallFilter
    {
        public ValueTask<ToolCallResult> InvokeAsync(ToolCallFilterContext context, ToolCallStep nextStep)
        {
            counter.Add();
            return nextStep(context);
        }
    }

    public sealed class AsyncSampleTools
    {
        [FlireoTool("send_later", Description = "Sends later.", Async = true)]
        public static Task SendLater(string text) => Task.CompletedTask;
    }
}
