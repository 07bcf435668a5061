using System.Text.Json;
using Flireo.Tools.Invocation;

namespace Flireo.Tools.Tests.Invocation;

public sealed class RecentCallKeyTests
{
    public static TheoryData<string?, string, string, string> Calls => new()
    {
        { "call-1", "call_0", "send_sms", """{"b":1,"a":"Zoë"}""" },
        { null, "call_0", "send_sms", "{}" },
        { "c", "t", "tool", "\"{\\\"a\\\":1}\"" },
        { "c", "t", "tool", "null" },
        { "c", "t", "tool", "[1,2]" },
        { "c", "t", "tool", $$"""{"q":"{{new string('x', 200)}}"}""" },
        { "cällé", "tööl_ïd", "naïve", """{"text":"\ud800 ☎ 𝄞"}""" },
        { new string('c', 400), new string('t', 300), "tool", """{"a":1}""" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void ForRetry_IsTheCompactFormOfTheRetryKey(string? callId, string toolCallId, string toolName, string arguments)
    {
        using var document = JsonDocument.Parse(arguments);
        var text = ToolCallKey.ForRetry(callId, toolCallId, toolName, document.RootElement);

        var key = RecentCallKey.ForRetry(callId, toolCallId, toolName, document.RootElement);

        key.Bytes.Should().Equal(RecentCallKey.From(text).Bytes);
        key.IdsHash.Should().Be(RecentCallKey.From(ToolCallKey.Ids(callId, toolCallId)).IdsHash);
        key.Ids.SequenceEqual(RecentCallKey.From(ToolCallKey.Ids(callId, toolCallId)).Bytes).Should().BeTrue("the bytes start with the ids' bytes");
    }

    [Fact]
    public void From_AsciiKeys_TakeAByteACharacter()
    {
        var key = RecentCallKey.From("6:call-1|6:call_0|8:send_sms|={}");

        key.Bytes.Should().Equal("6:call-1|6:call_0|8:send_sms|={}"u8.ToArray());
        key.IdsLength.Should().Be("6:call-1|6:call_0".Length);
    }

    [Fact]
    public void From_TwoTextsHaveEqualBytesExactlyWhenTheyAreEqual()
    {
        // Characters at the edges of each width, lone surrogates and pairs: every pair of texts compared.
        char[] characters = ['a', '\u007f', '\u0080', '\u00e9', '\u00ff', '\u0100', '\u1fff', '\u2000', '\u20ac', '\ud800', '\udc00', '\uffff', '\u0000'];
        var texts = new List<string> { string.Empty };
        foreach (var one in characters)
        {
            texts.Add(one.ToString());
            foreach (var other in characters)
            {
                texts.Add(string.Concat(one, other));
            }
        }

        var keys = texts.Select(t => RecentCallKey.From("1:c|1:t|4:tool|" + t).Bytes).ToList();
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = 0; j < texts.Count; j++)
            {
                keys[i].AsSpan().SequenceEqual(keys[j]).Should().Be(i == j, $"'{texts[i]}' and '{texts[j]}'");
            }
        }
    }

    [Theory]
    [InlineData("ïd", "x")]
    [InlineData("id", "☎")]
    [InlineData("\ud800", "\udc00")]
    public void From_SameIdsWhateverTheRest_StartAlike_OtherIdsDoNot(string callId, string toolCallId)
    {
        var ids = RecentCallKey.From(ToolCallKey.Ids(callId, toolCallId));
        var one = RecentCallKey.From(ToolCallKey.Create(callId, toolCallId, "send_sms", "f"));
        var other = RecentCallKey.From(ToolCallKey.Create(callId, toolCallId, "naïve", "=\u00e9"));
        var longer = RecentCallKey.From(ToolCallKey.Create(callId, toolCallId + "x", "send_sms", "f"));

        one.Ids.SequenceEqual(ids.Bytes).Should().BeTrue();
        other.Ids.SequenceEqual(ids.Bytes).Should().BeTrue();
        other.IdsHash.Should().Be(one.IdsHash);
        longer.Bytes.AsSpan().StartsWith(one.Ids).Should().BeFalse("a length-prefixed id is no prefix of a longer one");
    }
}
