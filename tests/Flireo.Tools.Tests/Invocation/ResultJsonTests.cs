using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Flireo.Tools.Invocation;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Tests.Invocation;

/// <summary>A result serialised once (<see cref="ResultJson"/>) must give the very answer bytes that serialising it to a <see cref="JsonElement"/> and writing that gave.</summary>
public class ResultJsonTests
{
    public enum Mood
    {
        Happy,
        RatherGrumpy,
    }

    public static TheoryData<object> Values() => new()
    {
        new Contact("Jan de Vries", "c_42", "+31612345678", true),
        new Contact("Zoë \"Z\" <b>&'", "北京", "emoji 👩‍🍳 \u2028\u2029 \u0000 \t\n\\", false),
        "plain",
        "{\"result\":\"not parsed\"}",
        "+31 <script>alert('x')</script> &amp; ü",
        "lone \ud800 surrogate",
        42,
        0.1,
        -0.0,
        1e300,
        decimal.MaxValue,
        float.Epsilon,
        true,
        new DateTimeOffset(2026, 11, 26, 13, 45, 0, TimeSpan.FromHours(1)),
        new DateTime(2026, 11, 26, 13, 45, 0, DateTimeKind.Utc),
        new TimeOnly(19, 30),
        Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
        Mood.RatherGrumpy,
        new byte[] { 0xfb, 0xff, 0xfe, 0x3e, 0x3f },
        new[] { 1, 2, 3 },
        new List<object?> { null, "a+b", 1.5, new[] { "x" } },
        new Dictionary<string, object?> { ["zoë+<key>"] = 1, ["a\"b"] = null, ["\u0001"] = "x", ["+31"] = new Dictionary<string, int> { ["é"] = 2 } },
        new Dictionary<Mood, string> { [Mood.Happy] = "ü" },
        new Dictionary<string, string> { ["key \udc00"] = "replacement \ufffd itself" },
        new Named("ø", "é", null),
        new WithJson(JsonDocument.Parse("""{"ph\u00f6ne":"\u002B31","n":[1,2.50,{"x":"\u00e9"}],"raw":"a\/b"}""").RootElement, JsonNode.Parse("""{"k\u00eb":"\u002Bv","arr":[1,"\u00fc"]}""")),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Serialize_AnyValue_WritesTheAnswerBytesTheElementPathWrote(object value)
    {
        var options = ToolJson.CreateDefaultOptions();

        var (expected, expectedError) = ElementPath(value, options);
        var (actual, actualError) = Capture(() => AnswerOf(ToolCallResult.SuccessJson("t1", ResultJson.Serialize(value, value.GetType(), ResultJson.CreateOptions(options)))));

        actualError.Should().Be(expectedError);
        actual.Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Serialize_WithIndentedSnakeCaseOptions_WritesTheAnswerBytesTheElementPathWrote(object value)
    {
        var options = ToolJson.CreateDefaultOptions();
        options.WriteIndented = true;
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseUpper;

        var (expected, expectedError) = ElementPath(value, options);
        var (actual, actualError) = Capture(() => AnswerOf(ToolCallResult.SuccessJson("t1", ResultJson.Serialize(value, value.GetType(), ResultJson.CreateOptions(options)))));

        actualError.Should().Be(expectedError);
        actual.Should().Be(expected);
    }

    [Fact]
    public void Result_OfSerialisedResult_HoldsTheSameValue()
    {
        var options = ToolJson.CreateDefaultOptions();
        var value = new Contact("Zoë", "c_42", "+31612345678", true);

        var result = ToolCallResult.SuccessJson("t1", ResultJson.Serialize(value, value.GetType(), ResultJson.CreateOptions(options)));

        result.Result!.Value.Deserialize<Contact>(options).Should().Be(value);
        result.Result!.Value.GetRawText().Should().Be("""{"name":"Zoë","contactId":"c_42","phone":"+31612345678","found":true}""");
        result.ToString().Should().Be("""t1: {"name":"Zoë","contactId":"c_42","phone":"+31612345678","found":true}""");
    }

    [Fact]
    public void WriteTo_WriterOtherThanAnAnswers_WritesTheElementAsBefore()
    {
        var options = ToolJson.CreateDefaultOptions();
        var value = new Contact("Zoë", "c_42", "+31612345678", true);
        var result = ToolCallResult.SuccessJson("t1", ResultJson.Serialize(value, value.GetType(), ResultJson.CreateOptions(options)));
        var old = ToolCallResult.Success("t1", JsonSerializer.SerializeToElement(value, options));

        Write(result, new JsonWriterOptions { Indented = true }).Should().Be(Write(old, new JsonWriterOptions { Indented = true }));
        Write(result, default).Should().Be(Write(old, default)).And.Contain("\\u002B31612345678");
    }

    [Fact]
    public void Serialize_SameThreadTwice_DoesNotMixResults()
    {
        var options = ResultJson.CreateOptions(ToolJson.CreateDefaultOptions());

        var first = ResultJson.Serialize(new string('x', 100_000), typeof(string), options);
        var second = ResultJson.Serialize("short", typeof(string), options);

        first.Length.Should().Be(100_002);
        Encoding.UTF8.GetString(second).Should().Be("\"short\"");
    }

    private static (string? Answer, string? Error) ElementPath(object value, JsonSerializerOptions options)
        => Capture(() => AnswerOf(ToolCallResult.Success("t1", JsonSerializer.SerializeToElement(value, value.GetType(), options))));

    private static string AnswerOf(ToolCallResult result) => new ToolCallsResponse([result], WebhookCasing.CamelCase).ToString();

    private static string Write(ToolCallResult result, JsonWriterOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            new ToolCallsResponse([result], WebhookCasing.CamelCase).WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static (string? Answer, string? Error) Capture(Func<string> write)
    {
        try
        {
            return (write(), null);
        }
        catch (Exception ex)
        {
            return (null, ex.GetType().Name);
        }
    }

    public sealed record Contact(string Name, string ContactId, string Phone, bool Found);

    public sealed record Named([property: JsonPropertyName("zoë+<name>")] string First, [property: JsonPropertyName("a\"b")] string Second, string? Missing);

    public sealed record WithJson(JsonElement Element, JsonNode? Node);
}
