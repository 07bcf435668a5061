using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Cli.Deploy;

/// <summary>Finds where two JSON values differ, as readable paths with the old and the new value.</summary>
internal static class JsonDiff
{
    private const int LongestValue = 72;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Lists the differences between two objects, leaf by leaf (arrays of another length as a whole).</summary>
    /// <param name="before">The value on the platform.</param>
    /// <param name="after">The value from the code.</param>
    /// <returns>Every difference, in the order of the new value's keys and then the removed keys.</returns>
    public static List<JsonDifference> Compare(JsonNode? before, JsonNode? after)
    {
        var differences = new List<JsonDifference>();
        Collect(before, true, after, true, string.Empty, differences);
        return differences;
    }

    /// <summary>Writes a value compactly for a diff line, shortened when long; <c>(none)</c> when absent.</summary>
    public static string Show(JsonNode? value, bool present = true)
    {
        if (!present)
        {
            return "(none)";
        }

        var text = value is null ? "null" : value.ToJsonString(Compact);
        return text.Length <= LongestValue ? text : string.Concat(text.AsSpan(0, LongestValue - 1), "…");
    }

    private static void Collect(JsonNode? before, bool hasBefore, JsonNode? after, bool hasAfter, string path, List<JsonDifference> into)
    {
        if (hasBefore == hasAfter && JsonNode.DeepEquals(before, after))
        {
            return;
        }

        if (hasBefore && hasAfter && before is JsonObject oldObject && after is JsonObject newObject)
        {
            foreach (var (key, value) in newObject)
            {
                var had = oldObject.TryGetPropertyValue(key, out var old);
                Collect(old, had, value, true, Join(path, key), into);
            }

            foreach (var (key, value) in oldObject)
            {
                if (!newObject.ContainsKey(key))
                {
                    Collect(value, true, null, false, Join(path, key), into);
                }
            }

            return;
        }

        if (hasBefore && hasAfter && before is JsonArray oldArray && after is JsonArray newArray && oldArray.Count == newArray.Count)
        {
            for (var i = 0; i < newArray.Count; i++)
            {
                Collect(oldArray[i], true, newArray[i], true, $"{path}[{i}]", into);
            }

            return;
        }

        into.Add(new JsonDifference(path.Length == 0 ? "(value)" : path, Show(before, hasBefore), Show(after, hasAfter)));
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : string.Concat(path, ".", key);
}

/// <summary>One difference between the platform's value and the code's.</summary>
/// <param name="Path">Where, such as <c>parameters.properties.party_size.maximum</c>.</param>
/// <param name="Before">The platform's value as shown, or <c>(none)</c>.</param>
/// <param name="After">The code's value as shown, or <c>(none)</c>.</param>
internal sealed record JsonDifference(string Path, string Before, string After)
{
    public override string ToString() => $"{Path}: {Before} → {After}";
}
