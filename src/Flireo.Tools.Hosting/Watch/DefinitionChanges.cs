using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Hosting.Watch;

/// <summary>Compares the exported tool definitions of two generations: tools added, removed, and changed with the fields that differ.</summary>
internal static class DefinitionChanges
{
    /// <summary>Describes the changes as a summary and one line per tool.</summary>
    /// <param name="before">The old generation's definitions by tool name.</param>
    /// <param name="after">The new generation's definitions by tool name.</param>
    /// <returns>The summary (<c>definitions unchanged</c> or counts) and the lines: <c>+ name</c>, <c>- name</c>, <c>~ name: fields</c>.</returns>
    public static (string Summary, IReadOnlyList<string> Lines) Describe(IReadOnlyDictionary<string, JsonObject> before, IReadOnlyDictionary<string, JsonObject> after)
    {
        var lines = new List<string>();
        int added = 0, removed = 0, changed = 0;
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var hadIt = before.TryGetValue(name, out var old);
            var hasIt = after.TryGetValue(name, out var current);
            if (!hadIt)
            {
                added++;
                lines.Add($"  + {name}");
            }
            else if (!hasIt)
            {
                removed++;
                lines.Add($"  - {name}");
            }
            else if (!JsonNode.DeepEquals(old, current))
            {
                changed++;
                lines.Add($"  ~ {name}: {string.Join(", ", ChangedFields(old!, current!))}");
            }
        }

        if (lines.Count == 0)
        {
            return ("definitions unchanged", lines);
        }

        var summary = new StringBuilder();
        Count(summary, added, "added");
        Count(summary, changed, "changed");
        Count(summary, removed, "removed");
        return (summary.ToString(), lines);
    }

    private static IEnumerable<string> ChangedFields(JsonObject before, JsonObject after)
        => before.Select(static p => p.Key).Union(after.Select(static p => p.Key))
            .Where(key => !(before.TryGetPropertyValue(key, out var a) & after.TryGetPropertyValue(key, out var b) && JsonNode.DeepEquals(a, b)));

    private static void Count(StringBuilder summary, int count, string what)
    {
        if (count == 0)
        {
            return;
        }

        if (summary.Length > 0)
        {
            summary.Append(", ");
        }

        summary.Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(what);
    }
}
