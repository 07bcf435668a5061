using System.Net;
using System.Text;
using System.Text.Json;
using Flireo.Tools.Async;
using Flireo.Tools.AspNetCore.Tests.Support;
using Flireo.Tools.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.AspNetCore.Tests;

/// <summary>The bytes of webhook answers: where an error's text goes, the per-message call limit and the escaping.</summary>
public sealed class MapFlireoWebhooksAnswerTests
{
    private const string UnknownTool = "Unknown tool 'nope'. Available tools: explode, hang, log_interest, lookup_contact.";

    private static string CamelToolCall(string toolName, string id)
        => "{\"message\":{\"type\":\"tool-calls\",\"call\":{\"id\":\"c-9\"},\"toolCallList\":[{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + toolName + "\",\"arguments\":{}}}]}}";

    private static string ToolCalls(params (string Id, string Name, string Arguments)[] calls)
    {
        var list = string.Join(",", calls.Select(c => $$$"""{"id":"{{{c.Id}}}","type":"function","function":{"name":"{{{c.Name}}}","arguments":{{{c.Arguments}}}}}"""));
        return $$$"""{"message":{"type":"tool-calls","call":{"id":"c-9"},"tool_call_list":[{{{list}}}]}}""";
    }

    [Fact]
    public async Task Post_ToolCallThatFails_ByDefaultAnswersItsTextInResultAndError()
    {
        await using var host = await WebhookHost.StartAsync();

        using var snake = await host.PostSignedAsync(Bodies.ToolCall("nope", "t1"));
        using var camel = await host.PostSignedAsync(CamelToolCall("nope", "t1"));

        snake.StatusCode.Should().Be(HttpStatusCode.OK);
        (await snake.Content.ReadAsStringAsync()).Should().Be($$"""{"results":[{"tool_call_id":"t1","result":"{{UnknownTool}}","error":"{{UnknownTool}}"}]}""");
        (await camel.Content.ReadAsStringAsync()).Should().Be($$"""{"results":[{"toolCallId":"t1","result":"{{UnknownTool}}","error":"{{UnknownTool}}"}]}""");
    }

    [Theory]
    [InlineData(ErrorAnswer.Error, $$"""{"results":[{"tool_call_id":"t1","error":"{{UnknownTool}}"}]}""")]
    [InlineData(ErrorAnswer.Result, $$"""{"results":[{"tool_call_id":"t1","result":"{{UnknownTool}}"}]}""")]
    public async Task Post_ToolCallThatFails_WritesWhatErrorAnswerSays(ErrorAnswer errorAnswer, string expected)
    {
        await using var host = await WebhookHost.StartAsync(o => o.ErrorAnswer = errorAnswer);

        using var response = await host.PostSignedAsync(Bodies.ToolCall("nope", "t1"));

        (await response.Content.ReadAsStringAsync()).Should().Be(expected);
    }

    [Fact]
    public async Task Post_MoreCallsThanMaxToolCallsPerMessage_AnswersEachCallAndRunsOnlyThoseWithinTheLimit()
    {
        var queue = new RecordingQueue();
        await using var host = await WebhookHost.StartAsync(o => o.MaxToolCallsPerMessage = 2, configureBuilder: b => b.Services.AddSingleton<IToolWorkQueue>(queue));

        using var response = await host.PostSignedAsync(ToolCalls(
            ("t1", "log_interest", """{"product":"wine"}"""),
            ("t2", "lookup_contact", """{"query":"Jan"}"""),
            ("t3", "log_interest", """{"product":"beer"}"""),
            ("t4", "lookup_contact", """{"query":"Piet"}""")));
        var results = (await WebhookHost.ReadJsonAsync(response)).GetProperty("results").EnumerateArray().ToList();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        results.Select(r => r.GetProperty("tool_call_id").GetString()).Should().Equal("t1", "t2", "t3", "t4");
        results[0].GetProperty("result").GetString().Should().Be("Noted.");
        results[1].GetProperty("result").GetProperty("name").GetString().Should().Be("Jan");
        results.Skip(2).Should().AllSatisfy(r => r.GetProperty("error").GetString().Should().Contain("too many tool calls in one message").And.Contain("2"));
        queue.Items.Select(i => i.ToolCallId).Should().Equal("t1");
    }

    [Fact]
    public async Task Post_ToolCallsAndAssistantRequest_AnswerBytesUseRelaxedEscaping()
    {
        await using var host = await WebhookHost.StartAsync(tools: b => b.AddAssistantRequestHandler<GreetingHandler>());

        using var toolCalls = await host.PostSignedAsync(Bodies.ToolCall("lookup_contact", "t1", """{"query":"Zoë I'll <b>"}"""));
        using var assistant = await host.PostSignedAsync(Bodies.AssistantRequest);
        var toolCallsBytes = await toolCalls.Content.ReadAsByteArrayAsync();
        var assistantBytes = await assistant.Content.ReadAsByteArrayAsync();

        Encoding.UTF8.GetString(toolCallsBytes).Should().Be("""{"results":[{"tool_call_id":"t1","result":{"name":"Zoë I'll <b>","phone":"+31612345678"}}]}""");
        Encoding.UTF8.GetString(assistantBytes).Should().Be("""{"assistant":{"first_message":"Hallo +31612345678"},"max_duration_seconds":300}""");
        var valid = () => JsonDocument.Parse(toolCallsBytes).Dispose();
        valid.Should().NotThrow("the relaxed answer is still valid UTF-8 JSON");
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
