using System.Text.Json;
using Flireo.Tools.Async;
using Flireo.Tools.Invocation;
using Flireo.Tools.Protocol;
using Flireo.Tools.Tests.Async;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Flireo.Tools.Tests.Invocation;

public sealed class RetryKeyRuns
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Next() => Interlocked.Increment(ref _count);
}

public sealed class RetryKeyTools(RetryKeyRuns runs)
{
    [FlireoTool("echo")]
    public string Echo(string text, int times = 1) => $"echo {text} x{times} (run {runs.Next()})";

    [FlireoTool("shout")]
    public string Shout(string text) => $"SHOUT {text.ToUpperInvariant()} (run {runs.Next()})";

    [FlireoTool("queue_sms", Async = true, Message = "Queued.")]
    public static Task QueueSmsAsync(string text) => Task.CompletedTask;
}

/// <summary>A call is a retry only when call id, tool call id, tool name and arguments all match.</summary>
public sealed class RetryKeyTests : IDisposable
{
    private const int ReusedIdEvent = 1040;
    private readonly RouterHost _host = new(
        b => b.AddTools<RetryKeyTools>(),
        configure: null,
        s => s.AddSingleton<RetryKeyRuns>().AddLogging(logging => logging.AddFakeLogging()));

    private RetryKeyRuns Runs => _host.Services.GetRequiredService<RetryKeyRuns>();

    private IReadOnlyList<FakeLogRecord> ReusedIdWarnings =>
        [.. _host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id == ReusedIdEvent)];

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Sync_IdsThatJoinToTheSameText_AreTwoCalls()
    {
        var first = await Route("U/x", "y", "echo", new { text = "a" });
        var second = await Route("U", "x/y", "echo", new { text = "a" });

        first.Result!.Value.GetString().Should().Be("echo a x1 (run 1)");
        second.Result!.Value.GetString().Should().Be("echo a x1 (run 2)", "call 'U/x' + tool call 'y' is not call 'U' + tool call 'x/y'");
        Runs.Count.Should().Be(2);
        ReusedIdWarnings.Should().BeEmpty();
    }

    [Fact]
    public async Task Sync_SameIdsOtherTool_RunsAsNewCallWithOneWarning()
    {
        var first = await Route("call-1", "call_0", "echo", new { text = "a" });
        var second = await Route("call-1", "call_0", "shout", new { text = "a" });

        first.Result!.Value.GetString().Should().Be("echo a x1 (run 1)");
        second.Result!.Value.GetString().Should().Be("SHOUT A (run 2)", "another tool's stored result must never reach the model");
        var warning = ReusedIdWarnings.Should().ContainSingle().Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Message.Should().Contain("call_0").And.Contain("shout");
    }

    [Fact]
    public async Task Sync_SameIdsOtherArguments_RunsAsNewCallWithOneWarning()
    {
        var first = await Route("call-1", "call_0", "echo", new { text = "a" });
        var second = await Route("call-1", "call_0", "echo", new { text = "b" });

        first.Result!.Value.GetString().Should().Be("echo a x1 (run 1)");
        second.Result!.Value.GetString().Should().Be("echo b x1 (run 2)");
        ReusedIdWarnings.Should().ContainSingle();
    }

    [Fact]
    public async Task Sync_NewCallUnderReusedIds_IsItselfRetrySafe()
    {
        await Route("call-1", "call_0", "echo", new { text = "a" });
        var second = await Route("call-1", "call_0", "echo", new { text = "b" });
        var retryOfSecond = await Route("call-1", "call_0", "echo", new { text = "b" });
        var retryOfFirst = await Route("call-1", "call_0", "echo", new { text = "a" });

        retryOfSecond.Result!.Value.GetString().Should().Be(second.Result!.Value.GetString());
        retryOfFirst.Result!.Value.GetString().Should().Be("echo a x1 (run 1)");
        Runs.Count.Should().Be(2);
        ReusedIdWarnings.Should().ContainSingle("only the call with other arguments is a new call");
    }

    [Fact]
    public async Task Sync_TrueRetry_ArgumentsAsObjectThenAsStringWithOtherWhitespaceAndKeyOrder_GetsTheStoredResult()
    {
        var first = await Route("call-1", "call_0", "echo", new { text = "a", times = 2 });
        var retry = await Route("call-1", "call_0", "echo", "{ \"times\" : 2,\n  \"text\": \"a\" }");

        retry.Result!.Value.GetString().Should().Be(first.Result!.Value.GetString()).And.Be("echo a x2 (run 1)");
        Runs.Count.Should().Be(1);
        ReusedIdWarnings.Should().BeEmpty();
    }

    [Fact]
    public async Task Async_SameIdsOtherToolOrArguments_AreEnqueuedUnderTheirOwnKeys()
    {
        await Route("call-1", "call_0", "queue_sms", new { text = "a" });
        await Route("call-1", "call_0", "queue_sms", new { text = "b" });
        await Route("U/x", "y", "queue_sms", new { text = "a" });
        await Route("U", "x/y", "queue_sms", new { text = "a" });

        _host.Queue.Items.Select(i => i.Key).Should().OnlyHaveUniqueItems().And.HaveCount(4);
        ReusedIdWarnings.Should().ContainSingle();
    }

    [Fact]
    public async Task Async_InMemoryQueue_SameIdsOtherToolOrArgumentsRun_TrueRetryDoesNot()
    {
        await using var harness = new ProcessorHarness(FakeToolWorkRunner.Succeeding());
        var sms = Item("call-1", "call_0", "send_sms", """{"text":"a","to":"+31612345678"}""");

        var results = new[]
        {
            await harness.Queue.EnqueueAsync(sms, CancellationToken.None),
            await harness.Queue.EnqueueAsync(sms with { ToolName = "send_email" }, CancellationToken.None),
            await harness.Queue.EnqueueAsync(sms with { ArgumentsJson = """{"text":"b","to":"+31612345678"}""" }, CancellationToken.None),
            await harness.Queue.EnqueueAsync(Item("U/x", "y", "send_sms", "{}"), CancellationToken.None),
            await harness.Queue.EnqueueAsync(Item("U", "x/y", "send_sms", "{}"), CancellationToken.None),
            await harness.Queue.EnqueueAsync(sms with { ArgumentsJson = "{ \"to\": \"+31612345678\",\n \"text\": \"a\" }" }, CancellationToken.None),
        };
        await harness.StartAsync();
        var runs = new List<(string Key, int Attempt)>();
        for (var i = 0; i < 5; i++)
        {
            runs.Add(await harness.Runner.NextAttemptAsync());
        }

        await harness.StopAsync();

        results.Should().Equal(
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Accepted,
            ToolWorkEnqueueResult.Duplicate);
        harness.Runner.Attempts.Should().HaveCount(5);
        runs.Select(r => r.Key).Should().BeEquivalentTo(["call-1/call_0", "call-1/call_0", "call-1/call_0", "U/x/y", "U/x/y"]);
    }

    [Fact]
    public void Key_IsLengthPrefixedAndNamesTheTool()
    {
        var key = ToolCallKey.Create("call-1", "call_0", "send_sms", ToolCallKey.Fingerprint("{}"));
        var withoutCall = ToolCallKey.Create(null, "call_0", "send_sms", ToolCallKey.Fingerprint("{}"));

        key.Should().MatchRegex("^6:call-1\\|6:call_0\\|8:send_sms\\|[0-9a-f]{64}$");
        withoutCall.Should().StartWith("-|6:call_0|8:send_sms|");
        ToolCallKey.Create("-", "call_0", "send_sms", "f").Should().NotBe(ToolCallKey.Create(null, "call_0", "send_sms", "f"));
        ToolCallKey.Create("U/x", "y", "t", "f").Should().NotBe(ToolCallKey.Create("U", "x/y", "t", "f"));
        ToolCallKey.Create("a|1:b", "c", "t", "f").Should().NotBe(ToolCallKey.Create("a", "b|1:c", "t", "f"));
    }

    [Theory]
    [InlineData("""{"a":1,"b":[1,{"y":2,"x":"é"}]}""", """ { "b" : [ 1 , { "x" : "\u00e9" , "y" : 2 } ] , "a" : 1 } """)]
    [InlineData("{}", " { } ")]
    public void Fingerprint_IgnoresWhitespaceKeyOrderAndEscapes(string one, string other)
    {
        using var asObject = JsonDocument.Parse(other);
        using var asString = JsonDocument.Parse(JsonSerializer.Serialize(other));

        ToolCallKey.Fingerprint(one).Should().Be(ToolCallKey.Fingerprint(other));
        ToolCallKey.Fingerprint(asObject.RootElement).Should().Be(ToolCallKey.Fingerprint(one));
        ToolCallKey.Fingerprint(asString.RootElement).Should().Be(ToolCallKey.Fingerprint(one));
    }

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":1}""", """{"a":"1"}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":null}""", "{}")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":1},"c":1}""")]
    public void Fingerprint_OtherArguments_Differ(string one, string other) =>
        ToolCallKey.Fingerprint(one).Should().NotBe(ToolCallKey.Fingerprint(other));

    [Theory]
    [InlineData("""{"text":"\ud800"}""")]
    [InlineData("""{"\ud800":"x","a":"\udc00\ud800"}""")]
    [InlineData("""["\ud800",{"\udfff":1}]""")]
    [InlineData("not json {")]
    public void Fingerprint_UndecodableOrInvalidText_NeverThrows(string arguments)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(arguments));

        var fromText = ToolCallKey.Fingerprint(arguments);
        var fromString = ToolCallKey.Fingerprint(document.RootElement);

        fromText.Should().MatchRegex("^[0-9a-f]{64}$");
        fromString.Should().MatchRegex("^[0-9a-f]{64}$");
        ToolCallKey.Fingerprint(arguments).Should().Be(fromText, "the same text gives the same fingerprint");
    }

    [Fact]
    public void Fingerprint_LoneSurrogatesThatDiffer_Differ()
    {
        ToolCallKey.Fingerprint("""{"text":"\ud800"}""").Should().NotBe(ToolCallKey.Fingerprint("""{"text":"\ud801"}"""));
        ToolCallKey.Fingerprint("""{"\ud800":1}""").Should().NotBe(ToolCallKey.Fingerprint("""{"\ud801":1}"""));
        using var undecodable = JsonDocument.Parse(""" "{\"text\":\"\ud800\"}" """);
        using var other = JsonDocument.Parse(""" "{\"text\":\"\ud801\"}" """);
        ToolCallKey.Fingerprint(undecodable.RootElement).Should().MatchRegex("^[0-9a-f]{64}$").And.NotBe(ToolCallKey.Fingerprint(other.RootElement));
    }

    [Fact]
    public void Fingerprint_MissingArgumentsAreAnEmptyObject()
    {
        using var document = JsonDocument.Parse("""{"a":null}""");

        ToolCallKey.Fingerprint(document.RootElement.GetProperty("a")).Should().Be(ToolCallKey.Fingerprint("{}"));
        ToolCallKey.Fingerprint(default(JsonElement)).Should().Be(ToolCallKey.Fingerprint("{}"));
    }

    [Fact]
    public void ForRetry_TwoArgumentsShareAKeyExactlyWhenCreatesKeysAreEqual()
    {
        var longText = new string('x', ToolCallKey.MaxLiteral);
        string[] texts =
        [
            "{}", " { } ", """{"a":1}""", """{ "a" : 1 }""", """{"a":2}""", """{"a":"1"}""", """{"a":[1,2]}""", """{"a":[2,1]}""",
            """{"a":null}""", """{"b":1,"a":"é"}""", """{"a":"\u00e9","b":1}""", """{"a":"\u00e8","b":1}""", "[1,2]", "7", "true",
            """{"text":"\ud800"}""", """{"text":"\ud801"}""", """{"\ud800":"x","a":"\udc00\ud800"}""", "not json {",
            $$"""{"q":"{{longText}}"}""", $$"""{ "q" : "{{longText}}" }""", $$"""{"q":"{{longText}}y"}""",
            $$"""{"q":"{{longText[..(ToolCallKey.MaxLiteral - 8)]}}"}""", $$"""{"q":"{{longText[..(ToolCallKey.MaxLiteral - 7)]}}"}""",
        ];

        // Every text as an object (when it is JSON) and as a JSON string holding it, plus missing and null arguments.
        var documents = new List<JsonDocument> { JsonDocument.Parse("null") };
        foreach (var text in texts)
        {
            documents.Add(JsonDocument.Parse(JsonSerializer.Serialize(text)));
            try
            {
                documents.Add(JsonDocument.Parse(text));
            }
            catch (JsonException)
            {
            }
        }

        try
        {
            var arguments = documents.Select(d => d.RootElement).Append(default).ToList();
            foreach (var one in arguments)
            {
                foreach (var other in arguments)
                {
                    var same = ToolCallKey.Create("c", "t", "tool", one) == ToolCallKey.Create("c", "t", "tool", other);
                    (ToolCallKey.ForRetry("c", "t", "tool", one) == ToolCallKey.ForRetry("c", "t", "tool", other))
                        .Should().Be(same, $"{Describe(one)} and {Describe(other)} are {(same ? "one call" : "two calls")} for Create");
                }
            }
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }

        static string Describe(JsonElement element) => element.ValueKind == JsonValueKind.Undefined ? "missing arguments" : element.GetRawText();
    }

    [Fact]
    public void ForRetry_ShortArgumentsAsTheyAre_LongOnesHashed()
    {
        using var small = JsonDocument.Parse(""" { "b" : 1, "a" : "Zoë" } """);
        using var large = JsonDocument.Parse($$"""{"q":"{{new string('x', ToolCallKey.MaxLiteral)}}"}""");

        ToolCallKey.ForRetry("call-1", "call_0", "send_sms", small.RootElement).Should().Be("6:call-1|6:call_0|8:send_sms|={\"a\":\"ZoÃ«\",\"b\":1}");
        ToolCallKey.ForRetry(null, "call_0", "send_sms", large.RootElement).Should().Be(ToolCallKey.Create(null, "call_0", "send_sms", large.RootElement));
    }

    [Theory]
    [InlineData("call-1", "call_0")]
    [InlineData(null, "call_0")]
    [InlineData("-", "x")]
    [InlineData("a|1:b", "c:|12")]
    [InlineData("", "")]
    public void IdsLength_OfAnyKey_IsTheLengthOfItsIds(string? callId, string toolCallId)
    {
        var ids = ToolCallKey.Ids(callId, toolCallId);
        using var arguments = JsonDocument.Parse("""{"a":1}""");

        ToolCallKey.IdsLength(ToolCallKey.Create(callId, toolCallId, "send_sms", ToolCallKey.Fingerprint("{}"))).Should().Be(ids.Length);
        ToolCallKey.IdsLength(ToolCallKey.ForRetry(callId, toolCallId, "send_sms", arguments.RootElement)).Should().Be(ids.Length);
        ToolCallKey.IdsLength(ids).Should().Be(ids.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("9:short")]
    [InlineData("x:abc|1:d")]
    [InlineData("3:abc")]
    [InlineData("3:abc|99:d")]
    public void IdsLength_OfTextThatIsNoKey_IsItsWholeLength(string text) =>
        ToolCallKey.IdsLength(text).Should().Be(text.Length);

    private static ToolWorkItem Item(string callId, string toolCallId, string toolName, string arguments) => new()
    {
        ToolName = toolName,
        ToolCallId = toolCallId,
        CallId = callId,
        ArgumentsJson = arguments,
        ContextJson = "{}",
    };

    private async Task<ToolCallResult> Route(string callId, string toolCallId, string tool, object arguments)
    {
        using var message = TestWebhooks.ToolCalls(callId, WebhookCasing.SnakeCase, (toolCallId, tool, arguments));
        var response = await _host.Router.RouteAsync(message, CancellationToken.None);
        return response.Results.Should().ContainSingle().Subject;
    }
}
