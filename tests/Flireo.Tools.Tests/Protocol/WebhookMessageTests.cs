using System.Text;
using System.Text.Json;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Tests.Protocol;

public class WebhookMessageTests
{
    private const string CamelToolCalls = """
        {"message":{"type":"tool-calls","timestamp":"2025-12-13T12:00:00.000Z",
        "call":{"id":"c-1","type":"inboundPhoneCall","status":"in-progress"},
        "phoneNumber":{"number":"+31850835037","name":"Demo"},"customer":{"number":"+31612345678"},
        "toolCallList":[{"id":"t1","type":"function","function":{"name":"lookup_contact","arguments":{"query":"Jan"}}},
                        {"id":"t2","type":"function","function":{"name":"other","arguments":"{\"a\":1}"}}]}}
        """;

    private const string SnakeToolCalls = """
        {"message":{"type":"tool-calls","call":{"id":"c-2","type":"inbound_phone_call","status":"in-progress"},
        "phone_number":{"id":"p1","number":"+3185","name":"Desk"},"customer":{"number":null},
        "assistant":{"name":"x","metadata":{"crm_id":"42"}},
        "tool_call_list":[{"id":"t9","type":"function","function":{"name":"book","arguments":{}}}]}}
        """;

    [Fact]
    public void TryParse_CamelCaseToolCalls_ReadsEveryField()
    {
        var ok = WebhookMessage.TryParse(Encoding.UTF8.GetBytes(CamelToolCalls), out var message, out var error);

        ok.Should().BeTrue(error);
        using (message)
        {
            message!.Type.Should().Be(WebhookTypes.ToolCalls);
            message.Casing.Should().Be(WebhookCasing.CamelCase);
            message.CallId.Should().Be("c-1");
            message.CallStatus.Should().Be("in-progress");
            message.CustomerNumber.Should().Be("+31612345678");
            message.PhoneNumber.Should().Be(new PhoneNumberInfo(null, "+31850835037", "Demo"));
            message.ToolCalls.Select(c => (c.Id, c.Name)).Should().Equal(("t1", "lookup_contact"), ("t2", "other"));
            message.ToolCalls[0].Arguments.GetProperty("query").GetString().Should().Be("Jan");
            message.ToolCalls[1].Arguments.ValueKind.Should().Be(JsonValueKind.String);
        }
    }

    [Fact]
    public void TryParse_McpObject_GivesTheToolCallContextTheMcpSessionAndRequestIds()
    {
        const string Body = """
            {"message":{"type":"tool-calls","mcp":{"session_id":"s-7","request_id":"42"},
            "tool_call_list":[{"id":"mcp_1","type":"function","function":{"name":"book","arguments":{}}}]}}
            """;

        var ok = WebhookMessage.TryParse(Encoding.UTF8.GetBytes(Body), out var message, out var error);

        ok.Should().BeTrue(error);
        using (message)
        {
            var context = ToolCallContext.Create(message!, message!.ToolCalls[0]);
            context.McpSessionId.Should().Be("s-7");
            context.McpRequestId.Should().Be("42");
            ToolCallContext.Create(message, message.ToolCalls[0], attempt: 2, background: true).McpSessionId.Should().Be("s-7", "a background run reads the stored message");
        }
    }

    [Fact]
    public void TryParse_WebhookWithoutMcpObject_HasNoMcpIds()
    {
        var ok = WebhookMessage.TryParse(Encoding.UTF8.GetBytes(SnakeToolCalls), out var message, out _);

        ok.Should().BeTrue();
        using (message)
        {
            var context = ToolCallContext.Create(message!, message!.ToolCalls[0]);
            context.McpSessionId.Should().BeNull();
            context.McpRequestId.Should().BeNull();
        }
    }

    [Fact]
    public void TryParse_McpObjectWithNonStringId_IsRejectedNamingTheKey()
    {
        const string Body = """{"message":{"type":"tool-calls","mcp":{"request_id":42},"tool_call_list":[]}}""";

        var ok = WebhookMessage.TryParse(Encoding.UTF8.GetBytes(Body), out _, out var error);

        ok.Should().BeFalse();
        error.Should().Be("'request_id' must be a string.");
    }

    [Fact]
    public void TryParse_SnakeCaseToolCalls_ReadsCasingAndMetadata()
    {
        var ok = WebhookMessage.TryParse(Encoding.UTF8.GetBytes(SnakeToolCalls), out var message, out _);

        ok.Should().BeTrue();
        using (message)
        {
            message!.Casing.Should().Be(WebhookCasing.SnakeCase);
            message.PhoneNumber!.Id.Should().Be("p1");
            message.CustomerNumber.Should().BeNull();
            message.AssistantMetadata!.Value.GetProperty("crm_id").GetString().Should().Be("42");
            message.ToolCalls.Should().ContainSingle().Which.Name.Should().Be("book");
        }
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"message\":", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{}", "no 'message' object")]
    [InlineData("{\"message\":[]}", "no 'message' object")]
    [InlineData("{\"message\":{}}", "'message.type'")]
    [InlineData("{\"message\":{\"type\":5}}", "'message.type'")]
    [InlineData("{\"message\":{\"type\":\"tool-calls\"}}", "toolCallList")]
    [InlineData("{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":{}}}", "must be an array")]
    [InlineData("{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[1]}}", "toolCallList[0] must be an object")]
    [InlineData("{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"function\":{\"name\":\"x\"}}]}}", "toolCallList[0].id")]
    [InlineData("{\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[{\"id\":\"a\",\"function\":{\"name\":3}}]}}", "function.name must be a string")]
    [InlineData("{\"message\":{\"type\":\"status-update\",\"call\":\"x\"}}", "'call' must be an object")]
    [InlineData("{\"message\":{\"type\":\"status-update\",\"call\":{\"id\":7}}}", "'id' must be a string")]
    public void TryParse_MalformedBody_ReturnsShortReason(string body, string expectedReason)
    {
        var ok = WebhookMessage.TryParse(Encoding.UTF8.GetBytes(body), out var message, out var error);

        ok.Should().BeFalse();
        message.Should().BeNull();
        error.Should().Contain(expectedReason);
    }

    [Fact]
    public void TryParse_NestingDeeperThanLimit_IsRejected()
    {
        var deep = "{\"message\":{\"type\":\"status-update\",\"x\":" + new string('[', 100) + new string(']', 100) + "}}";

        var ok = WebhookMessage.TryParse(Encoding.UTF8.GetBytes(deep), out _, out var error, maxDepth: 32);

        ok.Should().BeFalse();
        error.Should().Contain("deeper than 32");
    }
}
