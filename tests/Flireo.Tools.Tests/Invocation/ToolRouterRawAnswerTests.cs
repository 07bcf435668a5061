using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Invocation;

public class ToolRouterRawAnswerTests
{
    private static async Task<ToolCallResult> RouteOne(string tool, string answer)
    {
        using var host = new RouterHost(b => b.AddTools<RelayTools>());
        using var message = TestWebhooks.ToolCalls(("t1", tool, new { answer }));
        var response = await host.Router.RouteAsync(message, CancellationToken.None);
        return response.Results.Should().ContainSingle().Subject;
    }

    [Theory]
    [InlineData("""{"results":[{"toolCallId":"upstream-7","result":"fine"}]}""")]
    [InlineData("""{"results":[{"tool_call_id":"upstream-7","result":"fine"}]}""")]
    [InlineData("""{"results":[{"tool_call_id":"t1","result":"fine"}]}""")]
    [InlineData("""{"results":[{"result":"fine"}]}""")]
    public async Task Route_ToolRelaysTheObjectFormatWithOneItem_GetsThatItemWhateverIdItCarries(string answer)
    {
        var result = await RouteOne("relay_element", answer);

        result.ToolCallId.Should().Be("t1");
        result.Error.Should().BeNull();
        result.Result!.Value.GetString().Should().Be("fine");
    }

    [Fact]
    public async Task Route_ToolRelaysOneErrorItemWithAnotherId_GetsThatError()
    {
        var result = await RouteOne("relay_node", """{"results":[{"toolCallId":"upstream-7","error":"no table"}]}""");

        result.ToolCallId.Should().Be("t1");
        result.Error.Should().Be("no table");
    }

    [Fact]
    public async Task Route_ToolRelaysSeveralItems_GetsTheOneWithItsId()
    {
        var result = await RouteOne("relay_element", """{"results":[{"toolCallId":"other","result":"not mine"},{"toolCallId":"t1","result":"mine"}]}""");

        result.Result!.Value.GetString().Should().Be("mine");
    }

    [Fact]
    public async Task Route_ToolRelaysSeveralItemsNoneWithItsId_GetsAnError()
    {
        var result = await RouteOne("relay_element", """{"results":[{"toolCallId":"a","result":"x"},{"toolCallId":"b","result":"y"}]}""");

        result.Error.Should().Be("The answer has no result for this tool call.");
    }

    public sealed class RelayTools
    {
        [FlireoTool("relay_element")]
        public static JsonElement RelayElement(string answer) => JsonDocument.Parse(answer).RootElement.Clone();

        [FlireoTool("relay_node")]
        public static JsonNode RelayNode(string answer) => JsonNode.Parse(answer)!;
    }
}
