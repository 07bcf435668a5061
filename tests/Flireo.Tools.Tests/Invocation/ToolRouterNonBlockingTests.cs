using Flireo.Tools.Invocation;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Invocation;

/// <summary>Tools marked <see cref="FlireoToolAttribute.NonBlocking"/>: run on the calling thread, without the hop, under the same deadline.</summary>
[Collection(nameof(SlowToolsCollection))]
public sealed class ToolRouterNonBlockingTests : IDisposable
{
    private readonly RouterHost _host = new(b => b.AddTools<NonBlockingTools>());

    public ToolRouterNonBlockingTests()
    {
        NonBlockingTools.Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        NonBlockingTools.Cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Dispose()
    {
        NonBlockingTools.Release.TrySetResult("released late");
        _host.Dispose();
    }

    [Fact]
    public void Catalog_NonBlockingSetting_IsOnTheDescriptor()
    {
        var tools = _host.Router.Catalog.Tools.ToDictionary(t => t.Name, t => t.NonBlocking);

        tools.Should().Equal(new Dictionary<string, bool> { ["caller_thread"] = true, ["await_release"] = true, ["on_scheduler"] = false, ["inline_on_scheduler"] = true });
    }

    [Fact]
    public async Task Route_NonBlockingTool_RunsOnTheCallingThread_AndTheAnswerIsReadyWhenRouteReturns()
    {
        using var message = TestWebhooks.ToolCalls(("t1", "caller_thread", null));
        var thread = Environment.CurrentManagedThreadId;

        var routing = _host.Router.RouteAsync(message, CancellationToken.None);

        var ready = routing.IsCompletedSuccessfully;
        var response = await routing;

        ready.Should().BeTrue("a non-blocking tool that does not await needs no hop and no timer");
        response.Results[0].Result!.Value.GetInt32().Should().Be(thread);
    }

    [Fact]
    public async Task Route_DefaultTool_RunsOnTheToolScheduler_NonBlockingToolDoesNot()
    {
        using var hopped = TestWebhooks.ToolCalls(("t1", "on_scheduler", null));
        using var inline = TestWebhooks.ToolCalls(("t2", "inline_on_scheduler", null));

        var onScheduler = await _host.Router.RouteAsync(hopped, CancellationToken.None);
        var inlineOnScheduler = await _host.Router.RouteAsync(inline, CancellationToken.None);

        onScheduler.Results[0].Result!.Value.GetBoolean().Should().BeTrue();
        inlineOnScheduler.Results[0].Result!.Value.GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Route_NonBlockingToolThatAwaits_AnswersWhenItsAwaitEnds()
    {
        using var message = TestWebhooks.ToolCalls(("t1", "await_release", null));
        var routing = _host.Router.RouteAsync(message, CancellationToken.None).AsTask();
        routing.IsCompleted.Should().BeFalse();

        NonBlockingTools.Release.SetResult("released");
        var response = await routing.WaitAsync(TimeSpan.FromSeconds(30));

        response.Results[0].Result!.Value.GetString().Should().Be("released");
    }

    [Fact]
    public async Task Route_NonBlockingToolThatAwaits_AnswersWithTimeoutAtTheDeadline_AndSeesItsTokenCancelled()
    {
        using var message = TestWebhooks.ToolCalls(("t1", "await_release", null));
        var routing = _host.Router.RouteAsync(message, CancellationToken.None).AsTask();

        _host.Time.Advance(TimeSpan.FromSeconds(8.9));
        routing.IsCompleted.Should().BeFalse();
        _host.Time.Advance(TimeSpan.FromSeconds(0.1));
        var response = await routing.WaitAsync(TimeSpan.FromSeconds(30));

        response.Results[0].Error.Should().Be("The tool 'await_release' did not answer within 9 seconds.");
        (await NonBlockingTools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();
    }

    public sealed class NonBlockingTools
    {
        public static TaskCompletionSource<string> Release { get; set; } = new();

        public static TaskCompletionSource<bool> Cancelled { get; set; } = new();

        [FlireoTool("caller_thread", NonBlocking = true)]
        public static int CallerThread() => Environment.CurrentManagedThreadId;

        [FlireoTool("await_release", NonBlocking = true)]
        public static async Task<string> AwaitRelease(CancellationToken cancellationToken)
        {
            try
            {
                return await Release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Cancelled.TrySetResult(true);
                throw;
            }
        }

        [FlireoTool("on_scheduler")]
        public static bool OnScheduler() => TaskScheduler.Current == ToolTaskScheduler.Shared;

        [FlireoTool("inline_on_scheduler", NonBlocking = true)]
        public static bool InlineOnScheduler() => TaskScheduler.Current == ToolTaskScheduler.Shared;
    }
}
