using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Cli.Deploy;

/// <summary>Plans the tool templates <c>push --templates</c> upserts: one per tool, matched by name.</summary>
/// <remarks>
/// A template matches a tool when its <c>name</c> (or its <c>tool_config.name</c>) is the tool's name; built-ins are the
/// templates named <c>end_call</c> and <c>transfer_call</c>. Templates of other names are never touched.
/// </remarks>
internal sealed class TemplatePlan
{
    private TemplatePlan(List<TemplateChange> changes) => Changes = changes;

    public IReadOnlyList<TemplateChange> Changes { get; }

    public bool InStep => Changes.All(static c => c.Kind == ToolChangeKind.InStep);

    public static TemplatePlan Create(IReadOnlyList<JsonObject> existing, DesiredAssistant desired)
    {
        var changes = new List<TemplateChange>();
        foreach (var tool in desired.Tools)
        {
            var name = tool["name"]!.GetValue<string>();
            var config = new JsonObject();
            foreach (var key in (string[])["name", "description", "parameters", "url", "async"])
            {
                if (tool[key] is { } value)
                {
                    config[key] = value.DeepClone();
                }
            }

            Plan(existing, changes, name, new JsonObject
            {
                ["name"] = name,
                ["description"] = tool["description"]?.DeepClone(),
                ["tool_type"] = "function",
                ["tool_config"] = config,
            });
        }

        foreach (var builtIn in desired.BuiltIns)
        {
            var type = builtIn["type"]!.GetValue<string>();
            var config = (JsonObject)builtIn.DeepClone();
            config.Remove("type");
            Plan(existing, changes, type, new JsonObject
            {
                ["name"] = type,
                ["description"] = type == "end_call" ? "Lets the assistant end the call." : "Transfers the caller to a person.",
                ["tool_type"] = type,
                ["tool_config"] = config,
            });
        }

        return new TemplatePlan(changes);
    }

    private static void Plan(IReadOnlyList<JsonObject> existing, List<TemplateChange> changes, string name, JsonObject template)
    {
        var match = existing.FirstOrDefault(t => Text(t["name"]) == name)
            ?? existing.FirstOrDefault(t => Text(t["tool_type"]) == "function" && Text(t["tool_config"]?["name"]) == name);
        if (match is null)
        {
            changes.Add(new TemplateChange(ToolChangeKind.Added, name, null, template, []));
            return;
        }

        var current = new JsonObject
        {
            ["name"] = match["name"]?.DeepClone(),
            ["description"] = match["description"]?.DeepClone(),
            ["tool_type"] = match["tool_type"]?.DeepClone(),
            ["tool_config"] = match["tool_config"]?.DeepClone(),
        };
        var differences = JsonDiff.Compare(current, template);
        if (differences.Count == 0)
        {
            changes.Add(new TemplateChange(ToolChangeKind.InStep, name, Text(match["id"]), template, []));
            return;
        }

        changes.Add(new TemplateChange(ToolChangeKind.Changed, name, Text(match["id"]), template, differences));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

/// <summary>Describes what <c>push --templates</c> does to one tool template.</summary>
/// <param name="Kind">Added (created), changed (updated) or in step.</param>
/// <param name="Name">The template name (the tool name, or the built-in's type).</param>
/// <param name="Id">The id of the existing template, when there is one.</param>
/// <param name="Template">The template as the code declares it, the body of the create or update.</param>
/// <param name="Differences">The changed fields of an updated template.</param>
internal sealed record TemplateChange(ToolChangeKind Kind, string Name, string? Id, JsonObject Template, IReadOnlyList<JsonDifference> Differences);
