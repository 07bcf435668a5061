using System.Text;

namespace Flireo.Tools.Cli.Deploy;

/// <summary>Writes a plan as the readable per-tool diff that <c>push</c> and <c>diff</c> print.</summary>
/// <remarks>
/// One line per tool: <c>+</c> added, <c>~</c> changed (with a line per changed field), <c>-</c> removed, <c>=</c> in step,
/// <c>!</c> managed but no longer in the code (kept without <c>--prune</c>), <c>.</c> not managed (kept). Never writes the
/// API key: nothing it prints comes from the request headers.
/// </remarks>
internal static class PlanWriter
{
    // Enough to show where a change is without flooding the terminal with a whole schema.
    private const int MostDifferencesPerTool = 8;

    public static string Write(AssistantPlan plan, TemplatePlan? templates)
    {
        var text = new StringBuilder();
        text.Append("Assistant ").Append(plan.AssistantId);
        if (plan.AssistantName is { Length: > 0 } name)
        {
            text.Append(" (").Append(name).Append(')');
        }

        text.Append('\n');
        text.Append("Tools (llm_config.tools):\n");
        if (plan.Tools.Count == 0)
        {
            text.Append("  (none)\n");
        }

        var width = plan.Tools.Count == 0 ? 0 : plan.Tools.Max(static t => t.Label.Length);
        foreach (var tool in plan.Tools)
        {
            var (symbol, word) = tool.Kind switch
            {
                ToolChangeKind.Added => ('+', "added"),
                ToolChangeKind.Changed => ('~', "changed"),
                ToolChangeKind.Removed => ('-', "removed"),
                ToolChangeKind.InStep => ('=', "in step"),
                ToolChangeKind.Stale => ('!', "kept"),
                _ => ('.', "kept, not managed"),
            };
            text.Append("  ").Append(symbol).Append(' ').Append(tool.Label.PadRight(width)).Append("  ").Append(word);
            if (tool.Note is not null)
            {
                text.Append(" (").Append(tool.Note).Append(')');
            }

            text.Append('\n');
            Differences(text, tool.Differences ?? [], "      ");
        }

        if (plan.Settings.Count > 0)
        {
            text.Append("Settings:\n");
            foreach (var setting in plan.Settings)
            {
                if (setting.Differences is [{ } only] && only.Path == setting.Field)
                {
                    text.Append("  ~ ").Append(only).Append('\n');
                    continue;
                }

                text.Append("  ~ ").Append(setting.Field).Append('\n');
                Differences(text, setting.Differences, "      ");
            }
        }

        if (templates is not null)
        {
            text.Append("Tool templates:\n");
            if (templates.Changes.Count == 0)
            {
                text.Append("  (none)\n");
            }

            var templateWidth = templates.Changes.Count == 0 ? 0 : templates.Changes.Max(static t => t.Name.Length);
            foreach (var change in templates.Changes)
            {
                var (symbol, word) = change.Kind switch
                {
                    ToolChangeKind.Added => ('+', "to create"),
                    ToolChangeKind.Changed => ('~', "to update"),
                    _ => ('=', "in step"),
                };
                text.Append("  ").Append(symbol).Append(' ').Append(change.Name.PadRight(templateWidth)).Append("  ").Append(word).Append('\n');
                Differences(text, change.Differences, "      ");
            }
        }

        text.Append(Summary(plan, templates)).Append('\n');
        return text.ToString();
    }

    public static string Summary(AssistantPlan plan, TemplatePlan? templates)
    {
        var parts = new List<string>
        {
            $"{Count(plan, ToolChangeKind.Added)} to add",
            $"{Count(plan, ToolChangeKind.Changed)} to change",
            $"{Count(plan, ToolChangeKind.Removed)} to remove",
            $"{Count(plan, ToolChangeKind.InStep)} in step",
        };
        var stale = Count(plan, ToolChangeKind.Stale);
        if (stale > 0)
        {
            parts.Add($"{stale} no longer in the code");
        }

        var unmanaged = Count(plan, ToolChangeKind.Unmanaged);
        if (unmanaged > 0)
        {
            parts.Add($"{unmanaged} not managed");
        }

        var summary = $"Tools: {string.Join(", ", parts)}. Settings: {(plan.Settings.Count == 0 ? "in step" : string.Join(", ", plan.Settings.Select(static s => s.Field)) + " to change")}.";
        if (templates is not null)
        {
            var create = templates.Changes.Count(static c => c.Kind == ToolChangeKind.Added);
            var update = templates.Changes.Count(static c => c.Kind == ToolChangeKind.Changed);
            summary += $" Templates: {create} to create, {update} to update, {templates.Changes.Count - create - update} in step.";
        }

        return summary;
    }

    private static int Count(AssistantPlan plan, ToolChangeKind kind) => plan.Tools.Count(t => t.Kind == kind);

    private static void Differences(StringBuilder text, IReadOnlyList<JsonDifference> differences, string indent)
    {
        for (var i = 0; i < differences.Count && i < MostDifferencesPerTool; i++)
        {
            text.Append(indent).Append(differences[i]).Append('\n');
        }

        if (differences.Count > MostDifferencesPerTool)
        {
            text.Append(indent).Append("… and ").Append(differences.Count - MostDifferencesPerTool).Append(" more\n");
        }
    }
}
