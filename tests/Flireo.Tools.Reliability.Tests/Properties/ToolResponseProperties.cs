using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Flireo.Tools.Reliability.Tests.Properties;

/// <summary>
/// <see cref="ToolResponse.Parse(string, IReadOnlyList{string})"/> on generated answers in each of Flireo's four formats
/// (object, simple, direct, error) gives each requested tool call the outcome the answer meant for it.
/// </summary>
[Properties(Arbitrary = [typeof(Answers)], MaxTest = 200, Replay = "(20260115,1013904223)")]
public sealed class ToolResponseProperties
{
    private const string Missing = "The answer has no result for this tool call.";

    [Property]
    public void Parse_ObjectFormat_GivesEachIdItsOwnOutcomeInRequestOrder(ObjectAnswer answer)
    {
        var parsed = ToolResponse.Parse(answer.Json, answer.RequestedIds);

        parsed.Select(r => r.ToolCallId).Should().Equal(answer.RequestedIds);
        for (var i = 0; i < parsed.Count; i++)
        {
            ShouldBe(parsed[i], answer.Intended.TryGetValue(answer.RequestedIds[i], out var intended) ? intended : Outcome.Fail(Missing));
        }
    }

    [Property]
    public void Parse_ObjectFormatWithoutRequestedIds_UsesTheIdsOfTheAnswerInItsOrder(ObjectAnswer answer)
    {
        var parsed = ToolResponse.Parse(answer.Json, []);

        parsed.Select(r => r.ToolCallId).Should().Equal(answer.ItemOrder);
    }

    [Property]
    public void Parse_SimpleFormat_GivesEveryIdTheResult(Json value, NonEmptyIds ids)
    {
        var json = new JsonObject { ["result"] = value.Node?.DeepClone() }.ToJsonString();

        var parsed = ToolResponse.Parse(json, ids.Ids);

        parsed.Select(r => r.ToolCallId).Should().Equal(ids.Ids);
        parsed.Should().AllSatisfy(r => ShouldBe(r, Outcome.Ok(value.Node)));
    }

    [Property]
    public void Parse_ErrorFormat_GivesEveryIdTheError(NonNull<string> message, bool nested, NonEmptyIds ids)
    {
        JsonNode error = nested ? new JsonObject { ["message"] = message.Get, ["code"] = 500 } : JsonValue.Create(message.Get);
        var json = new JsonObject { ["error"] = error }.ToJsonString();

        var parsed = ToolResponse.Parse(json, ids.Ids);

        parsed.Should().AllSatisfy(r => ShouldBe(r, Outcome.Fail(message.Get)));
    }

    [Property]
    public void Parse_DirectFormat_GivesEveryIdTheWholeAnswer(Json value, NonEmptyIds ids)
    {
        var node = value.Node;
        if (node is JsonObject obj && (obj.ContainsKey("results") || obj.ContainsKey("result") || obj.ContainsKey("error")))
        {
            return; // Those are the other three formats.
        }

        var parsed = ToolResponse.Parse(node?.ToJsonString() ?? "null", ids.Ids);

        parsed.Should().AllSatisfy(r => ShouldBe(r, Outcome.Ok(node)));
    }

    [Property]
    public void Parse_TextThatIsNotJson_IsADirectStringResult(NonNull<string> text, NonEmptyIds ids)
    {
        var answer = "Sure: " + text.Get;

        var parsed = ToolResponse.Parse(answer, ids.Ids);

        parsed.Should().AllSatisfy(r => ShouldBe(r, Outcome.Ok(JsonValue.Create(answer))));
    }

    private static void ShouldBe(ToolCallResult actual, Outcome expected)
    {
        if (expected.Error is not null)
        {
            actual.Error.Should().Be(expected.Error);
            return;
        }

        actual.Error.Should().BeNull();
        var want = JsonSerializer.SerializeToElement(expected.Result);
        JsonElement.DeepEquals(actual.Result!.Value, want).Should().BeTrue($"{actual.Result.Value.GetRawText()} should be {want.GetRawText()}");
    }
}

/// <summary>An outcome an answer meant for one tool call.</summary>
public sealed record Outcome(JsonNode? Result, string? Error)
{
    public static Outcome Ok(JsonNode? result) => new(result, null);

    public static Outcome Fail(string error) => new(null, error);
}

/// <summary>Any JSON value (a wrapper so FsCheck can generate and print it).</summary>
public sealed record Json(JsonNode? Node)
{
    public override string ToString() => Node?.ToJsonString() ?? "null";
}

/// <summary>One or more distinct tool call ids.</summary>
public sealed record NonEmptyIds(IReadOnlyList<string> Ids)
{
    public override string ToString() => string.Join(",", Ids);
}

/// <summary>An object-format answer and what it means: the ids requested, the outcome meant per id, and the item order.</summary>
public sealed record ObjectAnswer(string Json, IReadOnlyList<string> RequestedIds, IReadOnlyDictionary<string, Outcome> Intended, IReadOnlyList<string> ItemOrder)
{
    public override string ToString() => $"{Json} for [{string.Join(",", RequestedIds)}]";
}

/// <summary>Generators of answers in Flireo's formats.</summary>
public static class Answers
{
    public static Arbitrary<Json> Values() => JsonGen(3).Select(n => new Json(n)).ToArbitrary();

    public static Arbitrary<NonEmptyIds> Ids() => IdGen(1).Select(ids => new NonEmptyIds(ids)).ToArbitrary();

    public static Arbitrary<ObjectAnswer> ObjectAnswers() =>
        (from requested in IdGen(1)
         from extra in IdGen(0)
         from fates in Gen.ArrayOf(Gen.Choose(0, 2), requested.Count)
         from values in Gen.ArrayOf(JsonGen(2), requested.Count + extra.Count)
         from messages in Gen.ArrayOf(ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get), requested.Count + extra.Count)
         from snake in ArbMap.Default.GeneratorFor<bool>()
         from order in Gen.Shuffle(Enumerable.Range(0, requested.Count + extra.Count).ToArray())
         select Build(requested, extra.Where(e => !requested.Contains(e)).ToList(), fates, values, messages, snake, order))
        .ToArbitrary();

    private static ObjectAnswer Build(IReadOnlyList<string> requested, List<string> extra, int[] fates, JsonNode?[] values, string[] messages, bool snake, int[] order)
    {
        // Fate per requested id: 0 = a result, 1 = an error, 2 = left out of the answer. Extra ids always have a result.
        var intended = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        var items = new List<(string Id, JsonObject Item)>();
        var all = requested.Concat(extra).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var fate = i < requested.Count ? fates[i] : 0;
            if (fate == 2)
            {
                continue;
            }

            var item = new JsonObject { [snake ? "tool_call_id" : "toolCallId"] = all[i] };
            if (fate == 0)
            {
                item["result"] = values[i]?.DeepClone();
                intended[all[i]] = Outcome.Ok(values[i]);
            }
            else
            {
                item["error"] = messages[i];
                intended[all[i]] = Outcome.Fail(messages[i]);
            }

            items.Add((all[i], item));
        }

        var shuffled = order.Where(o => o < items.Count).Select(o => items[o]).ToList();
        var json = new JsonObject { ["results"] = new JsonArray([.. shuffled.Select(s => (JsonNode)s.Item)]) }.ToJsonString();
        return new ObjectAnswer(json, requested, intended, shuffled.Select(s => s.Id).ToList());
    }

    private static Gen<IReadOnlyList<string>> IdGen(int minimum) =>
        from count in Gen.Choose(minimum, 5)
        from ids in Gen.ArrayOf(Gen.Choose(0, 1_000_000).Select(n => "call_" + n.ToString(CultureInfo.InvariantCulture)), count)
        select (IReadOnlyList<string>)ids.Distinct(StringComparer.Ordinal).ToList();

    internal static Gen<JsonNode?> JsonGen(int depth)
    {
        var scalar = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (JsonNode?)JsonValue.Create(b)),
            ArbMap.Default.GeneratorFor<int>().Select(i => (JsonNode?)JsonValue.Create(i)),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(d => (JsonNode?)JsonValue.Create(d.Get)),
            ToolValues.Strings().Generator.Select(s => (JsonNode?)JsonValue.Create(s)));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = JsonGen(depth - 1);
        var array = Gen.ListOf(inner).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]));
        var obj = Gen.ListOf(Gen.Zip(Gen.Elements("a", "b", "name", "value", "results", "result", "error", "data"), inner))
            .Select(pairs =>
            {
                var o = new JsonObject();
                foreach (var (key, value) in pairs)
                {
                    o[key] = value?.DeepClone();
                }

                return (JsonNode?)o;
            });
        return Gen.OneOf(scalar, scalar, array, obj);
    }
}
