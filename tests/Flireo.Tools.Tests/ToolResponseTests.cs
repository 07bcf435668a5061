namespace Flireo.Tools.Tests;

public class ToolResponseTests
{
    [Fact]
    public void Parse_ObjectFormat_MatchesByIdInRequestOrder()
    {
        var json = """{"results":[{"tool_call_id":"b","error":"nope"},{"toolCallId":"a","result":{"x":1}}]}""";

        var results = ToolResponse.Parse(json, ["a", "b", "c"]);

        results.Select(r => r.ToolCallId).Should().Equal("a", "b", "c");
        results[0].Result!.Value.GetRawText().Should().Be("""{"x":1}""");
        results[1].Error.Should().Be("nope");
        results[2].Error.Should().Be("The answer has no result for this tool call.");
    }

    [Fact]
    public void Parse_ObjectFormatWithoutIds_UsesTheIdsItFinds()
    {
        var results = ToolResponse.Parse("""{"results":[{"toolCallId":"x","result":true}]}""", []);

        results.Should().ContainSingle().Which.ToolCallId.Should().Be("x");
    }

    [Fact]
    public void Parse_SimpleFormat_AppliesToTheCall()
    {
        var result = ToolResponse.Parse("""{"result":"done"}""", ["a"]).Single();

        result.Result!.Value.GetString().Should().Be("done");
    }

    [Theory]
    [InlineData("""{"error":"Contact niet gevonden"}""", "Contact niet gevonden")]
    [InlineData("""{"error":{"code":"x","message":"nested message"}}""", "nested message")]
    public void Parse_ErrorFormat_IsAnError(string json, string message)
    {
        var result = ToolResponse.Parse(json, ["a"]).Single();

        result.Error.Should().Be(message);
    }

    [Theory]
    [InlineData("""{"name":"Jan"}""")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public void Parse_DirectFormat_IsTheResultItself(string json)
    {
        var result = ToolResponse.Parse(json, ["a"]).Single();

        result.Result!.Value.GetRawText().Should().Be(json);
    }

    [Fact]
    public void Parse_TextThatIsNotJson_IsAStringResult()
    {
        var result = ToolResponse.Parse("plain words", ["a"]).Single();

        result.Result!.Value.GetString().Should().Be("plain words");
    }
}
