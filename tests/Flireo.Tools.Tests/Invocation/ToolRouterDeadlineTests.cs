using Microsoft.Extensions.DependencyInjection;
using Flireo.Tools.Tests.TestSupport;

namespace Flireo.Tools.Tests.Invocation;

[Collection(nameof(SlowToolsCollection))]
public sealed class ToolRouterDeadlineTests : IDisposable
{
    private readonly RouterHost _host = new(b => b.AddTools<SlowTools>());

    public ToolRouterDeadlineTests()
    {
        SlowTools.Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        SlowTools.CancelObserved = new(TaskCreationOptions.RunContinuationsAsynchronously);
        SlowTools.Runs = 0;
    }

    public void Dispose()
    {
        SlowTools.Release.TrySetResult();
        _host.Dispose();
    }

    [Theory]
    [InlineData("hang_ignoring_token")]
    [InlineData("block_thread")]
    public async Task Route_ToolIgnoresTheDeadline_AnswersWithTimeoutWithoutWaiting(string tool)
    {
        using var message = TestWebhooks.ToolCalls(("t1", tool, null));
        var routing = _host.Router.RouteAsync(message, CancellationToken.None).AsTask();
        await WaitUntil(() => SlowTools.Runs == 1);

        _host.Time.Advance(TimeSpan.FromSeconds(8.9));
        routing.IsCompleted.Should().BeFalse();
        _host.Time.Advance(TimeSpan.FromSeconds(0.1));
        var response = await routing.WaitAsync(TimeSpan.FromSeconds(30));

        response.Results[0].Error.Should().Be($"The tool '{tool}' did not answer within 9 seconds.");
    }

    [Fact]
    public async Task Route_CooperativeTool_SeesItsTokenCancelledAtTheDeadline()
    {
        using var message = TestWebhooks.ToolCalls(("t1", "hang_cooperative", null));
        var routing = _host.Router.RouteAsync(message, CancellationToken.None).AsTask();

        _host.Time.Advance(TimeSpan.FromSeconds(9));
        var response = await routing.WaitAsync(TimeSpan.FromSeconds(30));

        response.Results[0].Error.Should().Contain("did not answer within 9 seconds");
        (await SlowTools.CancelObserved.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();
    }

    [Fact]
    public async Task Route_TokenCallbackThrowsAtTheDeadline_AnswersWithTimeoutAndFreesTheCallWhenTheToolReturns()
    {
        // Before one deadline was shared, the callback's exception escaped the cancellation: the call was answered
        // "failed" instead of "did not answer", and its running-call count was never given back.
        using var message = TestWebhooks.ToolCalls(("t1", "hang_throwing_callback", null));
        var routing = _host.Router.RouteAsync(message, CancellationToken.None).AsTask();
        await WaitUntil(() => SlowTools.Runs == 1);

        _host.Time.Advance(TimeSpan.FromSeconds(9));
        var response = await routing.WaitAsync(TimeSpan.FromSeconds(30));
        _host.Router.RunningCalls.Should().Be(1);
        SlowTools.Release.TrySetResult();
        await WaitUntil(() => _host.Router.RunningCalls == 0);

        response.Results[0].Error.Should().Be("The tool 'hang_throwing_callback' did not answer within 9 seconds.");
    }

    [Fact]
    public async Task Route_PerToolTimeout_IsLowerThanTheGlobalOne()
    {
        using var message = TestWebhooks.ToolCalls(("t1", "quick_limit", null));
        var routing = _host.Router.RouteAsync(message, CancellationToken.None).AsTask();

        _host.Time.Advance(TimeSpan.FromSeconds(2));
        var response = await routing.WaitAsync(TimeSpan.FromSeconds(30));

        response.Results[0].Error.Should().Be("The tool 'quick_limit' did not answer within 2 seconds.");
    }

    [Fact]
    public async Task Route_OneHungToolAmongFastOnes_OnlyThatOneTimesOut()
    {
        using var message = TestWebhooks.ToolCalls(("a", "counted", null), ("b", "hang_ignoring_token", null));
        var routing = _host.Router.RouteAsync(message, CancellationToken.None).AsTask();
        await WaitUntil(() => SlowTools.Runs == 2);

        _host.Time.Advance(TimeSpan.FromSeconds(9));
        var response = await routing.WaitAsync(TimeSpan.FromSeconds(30));

        response.Results.Select(r => r.ToolCallId).Should().Equal("a", "b");
        response.Results.Should().OnlyContain(r => r.IsError);
    }

    [Fact]
    public async Task Route_RequestAborted_CancelsTheToolAndAnswers()
    {
        using var message = TestWebhooks.ToolCalls(("t1", "hang_cooperative", null));
        using var aborted = new CancellationTokenSource();
        var routing = _host.Router.RouteAsync(message, aborted.Token).AsTask();

        await aborted.CancelAsync();
        var response = await routing.WaitAsync(TimeSpan.FromSeconds(30));

        response.Results[0].Error.Should().Be("The request was aborted.");
        (await SlowTools.CancelObserved.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();
    }

    [Fact]
    public async Task Route_RetryWhileFirstRunInFlight_WaitsForItAndRunsOnce()
    {
        using var first = TestWebhooks.ToolCalls(("same", "counted", null));
        using var retry = TestWebhooks.ToolCalls(("same", "counted", null));
        var one = _host.Router.RouteAsync(first, CancellationToken.None).AsTask();
        var two = _host.Router.RouteAsync(retry, CancellationToken.None).AsTask();

        SlowTools.Release.TrySetResult();
        var answers = await Task.WhenAll(one, two).WaitAsync(TimeSpan.FromSeconds(30));

        SlowTools.Runs.Should().Be(1);
        answers.Select(a => a.Results[0].Result!.Value.GetInt32()).Should().Equal(1, 1);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}

[CollectionDefinition(nameof(SlowToolsCollection), DisableParallelization = true)]
public sealed class SlowToolsCollection;
