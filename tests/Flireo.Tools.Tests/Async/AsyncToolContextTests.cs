using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Flireo.Tools.Async;
using Flireo.Tools.Protocol;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.Tests.Async;

public sealed class AsyncToolContextTests
{
    private const string Webhook = """
        {"message":{"type":"tool-calls","timestamp":"2026-05-01T12:00:00Z",
          "call":{"id":"call-7","type":"inbound_phone_call","status":"in-progress"},
          "customer":{"number":"+31612345678"},
          "phoneNumber":{"id":"pn-1","number":"+31201234567","name":"Front desk"},
          "assistant":{"name":"Host","metadata":{"tenant":"acme","tier":2}},
          "mcp":{"session_id":"session-9","request_id":"41"},
          "toolCallList":[
            {"id":"now-1","type":"function","function":{"name":"capture_now","arguments":{}}},
            {"id":"later-1","type":"function","function":{"name":"capture_later","arguments":{}}}]}}
        """;

    [Fact]
    public async Task RouteAsync_SyncAndAsyncToolsOfOneWebhook_GetTheSameContext()
    {
        var probe = new StoredContexts.Probe();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(probe);
        builder.Services.AddFlireoTools(o => o.WebhookSecret = "test-secret").AddTools<ContextTools>();
        using var host = builder.Build();
        await host.StartAsync();
        using var webhook = Parse(Webhook);

        var answer = await host.Services.GetRequiredService<ToolRouter>().RouteAsync(webhook, CancellationToken.None);
        var first = await probe.Contexts.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);
        var second = await probe.Contexts.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);
        await host.StopAsync().WaitAsync(TestTimeout.Value);

        answer.Results.Should().HaveCount(2).And.OnlyContain(r => r.Error == null);
        var now = first.ToolName == "capture_now" ? first : second;
        var later = first.ToolName == "capture_now" ? second : first;
        now.IsBackground.Should().BeFalse();
        later.IsBackground.Should().BeTrue();
        later.ToolCallId.Should().Be("later-1");
        StoredContexts.Describe(later).Should().Be(StoredContexts.Describe(now));
        later.McpSessionId.Should().Be("session-9");
        later.McpRequestId.Should().Be("41");
        later.AssistantMetadata!.Value.GetProperty("tenant").GetString().Should().Be("acme");
        later.PhoneNumber.Should().Be(new PhoneNumberInfo("pn-1", "+31201234567", "Front desk"));
    }

    [Theory]
    [InlineData(Webhook)]
    [InlineData("""{"message":{"type":"tool-calls","call":{"id":"call-1"},"tool_call_list":[{"id":"later-1","type":"function","function":{"name":"capture_later","arguments":{}}}]}}""")]
    [InlineData("""{"message":{"type":"tool-calls","toolCallList":[{"id":"later-1","type":"function","function":{"name":"capture_later","arguments":{}}}]}}""")]
    public void Read_ItemStoredByTheEarlierVersion_HasTheSameContextAsANewItem(string body)
    {
        using var webhook = Parse(body);
        var request = webhook.ToolCalls.Single(c => c.Name == "capture_later");
        var item = new ToolWorkItem
        {
            ToolName = request.Name,
            ToolCallId = request.Id,
            CallId = webhook.CallId,
            ArgumentsJson = "{}",
            ContextJson = ToolWorkContext.Write(webhook),
            Casing = webhook.Casing,
        };

        // The earlier version stored the raw webhook message in the same place.
        var stored = ToolWorkContext.Read(item with { ContextJson = webhook.Root.GetRawText() }, request, 2, out var storedError);
        var current = ToolWorkContext.Read(item, request, 2, out var currentError);

        storedError.Should().BeNull();
        currentError.Should().BeNull();
        JsonDocument.Parse(item.ContextJson).RootElement.TryGetProperty("type", out _).Should().BeFalse("a new context must not be taken for an old raw message");
        StoredContexts.Describe(current!).Should().Be(StoredContexts.Describe(stored!));
        StoredContexts.Describe(current!).Should().Be(StoredContexts.Describe(ToolCallContext.Create(webhook, request, 2, background: true)));
        current!.Attempt.Should().Be(2);
        current.IsBackground.Should().BeTrue();
    }

    [Fact]
    public void Write_StoresTheMessageExactlyAsSent_AndAgainOnTheSameThread()
    {
        // Spacing, escapes and characters outside ASCII as the platform sent them: the stored message keeps every byte.
        const string body = "{\"message\": {\"type\":\"tool-calls\",  \"note\":\"Zo\u00eb \\\"quoted\\\" \\u00e9 caf\u00e9\",\n"
            + " \"assistant\":{\"metadata\":{ \"tenant\" : \"\\u0061cme\" }},"
            + " \"toolCallList\":[{\"id\":\"later-1\",\"type\":\"function\",\"function\":{\"name\":\"capture_later\",\"arguments\":{}}}]}}";
        using var webhook = Parse(body);

        var first = ToolWorkContext.Write(webhook);
        var second = ToolWorkContext.Write(webhook);

        second.Should().Be(first, "the thread's writer is reused and must start empty");
        using var stored = JsonDocument.Parse(first);
        stored.RootElement.GetProperty("message").GetRawText().Should().Be(webhook.Root.GetRawText());
        stored.RootElement.GetProperty("assistantMetadata").GetRawText().Should().Be("""{ "tenant" : "\u0061cme" }""");
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("""{"type":"tool-calls","call":"call-1"}""", "cannot be read")]
    public void Read_UnreadableContext_ExplainsWhy(string contextJson, string reason)
    {
        var request = new ToolCallRequest("later-1", "capture_later", default);
        var item = new ToolWorkItem { ToolName = "capture_later", ToolCallId = "later-1", ArgumentsJson = "{}", ContextJson = contextJson };

        var context = ToolWorkContext.Read(item, request, 1, out var error);

        context.Should().BeNull();
        error.Should().Contain(reason);
    }

    [Fact]
    public async Task RunAsync_ToolWithoutContextAndUnreadableStoredContext_RunsAndSucceeds()
    {
        // The stored context is read only for a tool that takes one: nothing of it is kept while other tools run.
        await using var services = RunnerServices(out _);
        var item = new ToolWorkItem { ToolName = "count_later", ToolCallId = "later-2", ArgumentsJson = """{"n":3}""", ContextJson = "not json" };

        var outcome = await services.GetRequiredService<IToolWorkRunner>().RunAsync(item, 1, CancellationToken.None);

        outcome.Status.Should().Be(ToolRunStatus.Succeeded);
        services.GetRequiredService<Channel<int>>().Reader.TryRead(out var n).Should().BeTrue();
        n.Should().Be(3);
    }

    [Fact]
    public async Task RunAsync_ToolWithContextAndUnreadableStoredContext_FailsWithTheReasonAndDoesNotRun()
    {
        await using var services = RunnerServices(out var probe);
        var item = new ToolWorkItem { ToolName = "capture_later", ToolCallId = "later-3", ArgumentsJson = "{}", ContextJson = "not json" };

        var outcome = await services.GetRequiredService<IToolWorkRunner>().RunAsync(item, 1, CancellationToken.None);

        outcome.Status.Should().Be(ToolRunStatus.InvalidArguments);
        outcome.Error.Should().Contain("not valid JSON");
        probe.Contexts.Reader.TryRead(out _).Should().BeFalse();
    }

    private static ServiceProvider RunnerServices(out StoredContexts.Probe probe)
    {
        probe = new StoredContexts.Probe();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(probe);
        services.AddSingleton(Channel.CreateUnbounded<int>());
        services.AddFlireoTools(o => o.WebhookSecret = "test-secret").AddTools<ContextTools>().AddTools<CountTools>();
        return services.BuildServiceProvider();
    }

    private static WebhookMessage Parse(string body)
    {
        WebhookMessage.TryParse(Encoding.UTF8.GetBytes(body), out var message, out var error).Should().BeTrue(error);
        return message!;
    }

    internal sealed class ContextTools(StoredContexts.Probe probe)
    {
        [FlireoTool("capture_now", Description = "Captures its context.")]
        public string CaptureNow(ToolCallContext context)
        {
            probe.Contexts.Writer.TryWrite(context);
            return "ok";
        }

        [FlireoTool("capture_later", Async = true, Description = "Captures its context in the background.")]
        public void CaptureLater(ToolCallContext context) => probe.Contexts.Writer.TryWrite(context);
    }

    internal sealed class CountTools(Channel<int> counts)
    {
        [FlireoTool("count_later", Async = true, Description = "Counts in the background.")]
        public void CountLater(int n) => counts.Writer.TryWrite(n);
    }
}
