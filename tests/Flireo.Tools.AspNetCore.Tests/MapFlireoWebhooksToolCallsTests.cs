using System.Net;
using Flireo.Tools.Async;
using Flireo.Tools.AspNetCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.AspNetCore.Tests;

public sealed class MapFlireoWebhooksToolCallsTests : IAsyncLifetime
{
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(9);
    private readonly RecordingQueue _queue = new();
    private WebhookHost _host = null!;

    public async Task InitializeAsync() => _host = await WebhookHost.StartAsync(
        o => o.SyncTimeout = SyncTimeout,
        configureBuilder: b => b.Services.AddSingleton<IToolWorkQueue>(_queue));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_CamelCaseToolCalls_AnswersWithToolCallId()
    {
        using var response = await _host.PostSignedAsync(Bodies.CamelToolCalls);
        var json = await WebhookHost.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var result = json.GetProperty("results").EnumerateArray().Should().ContainSingle().Subject;
        result.EnumerateObject().Select(p => p.Name).Should().Equal("toolCallId", "result");
        result.GetProperty("toolCallId").GetString().Should().Be("tool_abc123");
        result.GetProperty("result").GetProperty("phone").GetString().Should().Be("+31612345678");
    }

    [Fact]
    public async Task Post_SnakeCaseToolCalls_AnswersWithToolCallIdInSnakeCaseInRequestOrder()
    {
        using var response = await _host.PostSignedAsync(Bodies.SnakeToolCalls);
        var json = await WebhookHost.ReadJsonAsync(response);

        var results = json.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("tool_call_id").GetString()).Should().Equal("tool_1", "tool_2");
        results[0].GetProperty("result").GetProperty("name").GetString().Should().Be("Piet");
        results[1].GetProperty("result").GetString().Should().Be("Noted.");
        results.Should().OnlyContain(r => r.EnumerateObject().All(p => p.Name != "toolCallId"));
    }

    [Fact]
    public async Task Post_AsyncTool_IsAcknowledgedAtOnceAndQueued()
    {
        using var response = await _host.PostSignedAsync(Bodies.ToolCall("log_interest", "t-async", """{"product":"wine"}"""));
        var json = await WebhookHost.ReadJsonAsync(response);

        json.GetProperty("results")[0].GetProperty("result").GetString().Should().Be("Noted.");
        _queue.Items.Should().ContainSingle().Which.ToolCallId.Should().Be("t-async");
    }

    [Fact]
    public async Task Post_ToolHangsIgnoringCancellation_AnswersTimeoutErrorAtTheDeadline()
    {
        var pending = _host.PostSignedAsync(Bodies.ToolCall("hang", "t-hang"));
        await _host.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _host.Time.WaitForTimerAsync(SyncTimeout);
        _host.Time.Advance(SyncTimeout);
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        var json = await WebhookHost.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = json.GetProperty("results")[0];
        result.GetProperty("tool_call_id").GetString().Should().Be("t-hang");
        result.GetProperty("error").GetString().Should().NotBeNullOrEmpty();
        _host.Probe.Release.Task.IsCompleted.Should().BeFalse("the answer did not wait for the hanging tool");
    }

    [Fact]
    public async Task Post_ToolThrows_AnswersErrorWithoutExceptionText()
    {
        using var response = await _host.PostSignedAsync(Bodies.ToolCall("explode"));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("\"error\"").And.NotContain("hunter2");
    }

    [Fact]
    public async Task Post_UnknownTool_AnswersErrorNamingIt()
    {
        using var response = await _host.PostSignedAsync(Bodies.ToolCall("order_pizza"));
        var json = await WebhookHost.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        json.GetProperty("results")[0].GetProperty("error").GetString().Should().Contain("order_pizza");
    }

    [Fact]
    public async Task Post_PerToolUrlForThatTool_RunsIt()
    {
        using var response = await _host.PostSignedAsync(Bodies.ToolCall("lookup_contact", arguments: """{"query":"Kees"}"""), "/flireo/tools/lookup_contact");
        var json = await WebhookHost.ReadJsonAsync(response);

        json.GetProperty("results")[0].GetProperty("result").GetProperty("name").GetString().Should().Be("Kees");
    }

    [Fact]
    public async Task Post_PerToolUrlForAnotherTool_AnswersErrorNamingBothWithoutRunningIt()
    {
        using var response = await _host.PostSignedAsync(Bodies.ToolCall("log_interest", arguments: """{"product":"x"}"""), "/flireo/tools/lookup_contact");
        var json = await WebhookHost.ReadJsonAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        json.GetProperty("results")[0].GetProperty("error").GetString().Should().Contain("lookup_contact").And.Contain("log_interest");
        _queue.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_PerToolUrl_ChecksTheSignatureToo()
    {
        using var response = await _host.SendAsync(_host.Signed(Bodies.ToolCall("lookup_contact"), "/flireo/tools/lookup_contact", secret: "wrong"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private sealed class RecordingQueue : IToolWorkQueue
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<ToolWorkItem> _items = new();

        public IReadOnlyCollection<ToolWorkItem> Items => _items;

        public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
        {
            _items.Enqueue(item);
            return ValueTask.FromResult(ToolWorkEnqueueResult.Accepted);
        }
    }
}
