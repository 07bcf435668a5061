using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Cli.Deploy;

/// <summary>Compares an assistant as read from the platform with what the code declares, and builds the <c>PATCH</c> that brings it in step.</summary>
/// <remarks>
/// <para>
/// Tools are merged by name. A webhook tool is managed when the code has a tool of its name or when its url starts with
/// <c>--base-url</c>; a built-in (<c>end_call</c>, <c>transfer_call</c>) is managed when the code declares it. Managed tools
/// are replaced in their place; tools the code does not manage (MCP tools, other servers' webhook tools, undeclared
/// built-ins) are kept in their place, untouched; new tools are appended. A managed tool no longer in the code is removed
/// only with <c>--prune</c>.
/// </para>
/// <para>
/// The platform replaces each top-level field of a <c>PATCH</c> as a whole, so the body carries the whole
/// <c>llm_config</c> as read (provider, model, messages and the rest) with the merged tools, and the whole
/// <c>analysis_plan</c> with only <c>structured_data_plan.enabled</c> and <c>.schema</c> changed.
/// </para>
/// </remarks>
internal sealed class AssistantPlan
{
    private AssistantPlan(string assistantId, string? assistantName, List<ToolChange> tools, List<SettingChange> settings, JsonObject patch)
    {
        AssistantId = assistantId;
        AssistantName = assistantName;
        Tools = tools;
        Settings = settings;
        Patch = patch;
    }

    public string AssistantId { get; }

    public string? AssistantName { get; }

    /// <summary>Gets one entry per tool: first the assistant's in their order, then the added ones.</summary>
    public IReadOnlyList<ToolChange> Tools { get; }

    public IReadOnlyList<SettingChange> Settings { get; }

    /// <summary>Gets the body of the <c>PATCH /assistants/{id}</c> that applies the plan; empty when in step.</summary>
    public JsonObject Patch { get; }

    /// <summary>Gets a value indicating whether the assistant already matches the code.</summary>
    public bool InStep => Patch.Count == 0;

    /// <summary>Compares an assistant with the code's declarations.</summary>
    /// <param name="assistantId">The assistant id.</param>
    /// <param name="assistant">The assistant as read (<c>GET /assistants/{id}</c>).</param>
    /// <param name="desired">What the code declares.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="CliException">The assistant has no <c>llm_config</c> to put tools in.</exception>
    public static AssistantPlan Create(string assistantId, JsonObject assistant, DesiredAssistant desired)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        ArgumentNullException.ThrowIfNull(desired);
        var patch = new JsonObject();
        var llm = assistant["llm_config"] as JsonObject;
        var current = llm?["tools"] as JsonArray ?? [];
        var (tools, merged) = MergeTools(current, desired);
        if (tools.Exists(static t => t.IsChange))
        {
            if (llm is null)
            {
                throw new CliException($"Assistant {assistantId} has no llm_config to put tools in; choose its model in the dashboard first.");
            }

            var config = (JsonObject)llm.DeepClone();
            config["tools"] = merged;
            patch["llm_config"] = config;
        }

        var settings = new List<SettingChange>();
        if (desired.WebhookUrl is { } url)
        {
            Setting(assistant, patch, settings, "webhook_url", JsonValue.Create(url));
        }

        if (desired.WebhookEvents is { } events)
        {
            var had = assistant.TryGetPropertyValue("webhook_events", out var old);
            var same = had && old is JsonArray oldEvents
                && oldEvents.Select(static e => e?.ToString()).Order(StringComparer.Ordinal).SequenceEqual(events.Order(StringComparer.Ordinal));
            if (!same)
            {
                var value = new JsonArray([.. events.Select(static e => JsonValue.Create(e))]);
                settings.Add(new SettingChange("webhook_events", [new JsonDifference("webhook_events", JsonDiff.Show(old, had), JsonDiff.Show(value))]));
                patch["webhook_events"] = value;
            }
        }

        if (desired.AnalysisSchema is { } schema)
        {
            AnalysisPlan(assistant, patch, settings, schema);
        }

        return new AssistantPlan(assistantId, assistant["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : null, tools, settings, patch);
    }

    private static void Setting(JsonObject assistant, JsonObject patch, List<SettingChange> settings, string field, JsonNode value)
    {
        var had = assistant.TryGetPropertyValue(field, out var old);
        if (had && JsonNode.DeepEquals(old, value))
        {
            return;
        }

        settings.Add(new SettingChange(field, [new JsonDifference(field, JsonDiff.Show(old, had), JsonDiff.Show(value))]));
        patch[field] = value;
    }

    private static void AnalysisPlan(JsonObject assistant, JsonObject patch, List<SettingChange> settings, JsonObject schema)
    {
        var plan = assistant["analysis_plan"] is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
        var before = plan["structured_data_plan"] as JsonObject;
        var after = before is null ? [] : (JsonObject)before.DeepClone();
        after["enabled"] = true;
        after["schema"] = schema.DeepClone();
        if (before is not null && JsonNode.DeepEquals(before, after))
        {
            return;
        }

        var differences = JsonDiff.Compare(before ?? [], after).Select(static d => d with { Path = "analysis_plan.structured_data_plan." + d.Path }).ToList();

        plan["structured_data_plan"] = after;
        settings.Add(new SettingChange("analysis_plan", differences));
        patch["analysis_plan"] = plan;
    }

    private static (List<ToolChange> Changes, JsonArray Merged) MergeTools(JsonArray current, DesiredAssistant desired)
    {
        var wanted = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var tool in desired.Tools)
        {
            wanted[tool["name"]!.GetValue<string>()] = tool;
        }

        var builtIns = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var builtIn in desired.BuiltIns)
        {
            builtIns[builtIn["type"]!.GetValue<string>()] = builtIn;
        }

        var matched = new HashSet<string>(StringComparer.Ordinal);
        var changes = new List<ToolChange>();
        var merged = new JsonArray();
        foreach (var node in current)
        {
            if (node is not JsonObject tool)
            {
                changes.Add(new ToolChange(ToolChangeKind.Unmanaged, JsonDiff.Show(node), "not a tool object"));
                merged.Add(node?.DeepClone());
                continue;
            }

            var type = Text(tool["type"]);
            var builtInType = type switch
            {
                "end_call" or "endCall" => "end_call",
                "transfer_call" or "transferCall" => "transfer_call",
                _ => null,
            };
            if (builtInType is not null)
            {
                if (builtIns.TryGetValue(builtInType, out var declared) && matched.Add("builtin:" + builtInType))
                {
                    Replace(tool, declared, builtInType, changes, merged, static t => NormalizeBuiltIn(t));
                }
                else
                {
                    changes.Add(new ToolChange(ToolChangeKind.Unmanaged, builtInType, "built-in the code does not declare"));
                    merged.Add(tool.DeepClone());
                }

                continue;
            }

            var name = type switch
            {
                null => Text(tool["name"]),
                "function" => Text(tool["function"]?["name"]),
                _ => null,
            };
            if (name is null)
            {
                changes.Add(new ToolChange(ToolChangeKind.Unmanaged, type is "mcp" ? $"mcp {Text(tool["mcp_server_id"]) ?? "server"}" : type ?? "(unnamed)", type is "mcp" ? "an MCP server's tools" : "not a webhook tool"));
                merged.Add(tool.DeepClone());
                continue;
            }

            var url = Text(tool["url"]) ?? Text(tool["server"]?["url"]);
            if (wanted.TryGetValue(name, out var declaredTool))
            {
                if (matched.Add(name))
                {
                    Replace(tool, declaredTool, name, changes, merged, NormalizeWebhook);
                }
                else
                {
                    changes.Add(new ToolChange(ToolChangeKind.Removed, name, "a second tool of this name; tool names must be unique"));
                }

                continue;
            }

            if (desired.BaseUrl is { } baseUrl && url is not null && IsUnder(url, baseUrl))
            {
                if (desired.Prune)
                {
                    changes.Add(new ToolChange(ToolChangeKind.Removed, name, "no longer in the code, --prune"));
                }
                else
                {
                    changes.Add(new ToolChange(ToolChangeKind.Stale, name, "no longer in the code; --prune removes it"));
                    merged.Add(tool.DeepClone());
                }

                continue;
            }

            changes.Add(new ToolChange(ToolChangeKind.Unmanaged, name, url is null ? "not in the code; no url" : $"not in the code; url {url}"));
            merged.Add(tool.DeepClone());
        }

        foreach (var tool in desired.Tools)
        {
            var name = tool["name"]!.GetValue<string>();
            if (!matched.Contains(name))
            {
                changes.Add(new ToolChange(ToolChangeKind.Added, name));
                merged.Add(tool.DeepClone());
            }
        }

        foreach (var builtIn in desired.BuiltIns)
        {
            var type = builtIn["type"]!.GetValue<string>();
            if (!matched.Contains("builtin:" + type))
            {
                changes.Add(new ToolChange(ToolChangeKind.Added, type, "built-in"));
                merged.Add(builtIn.DeepClone());
            }
        }

        return (changes, merged);
    }

    private static void Replace(JsonObject existing, JsonObject declared, string label, List<ToolChange> changes, JsonArray merged, Func<JsonObject, JsonObject> normalize)
    {
        var differences = JsonDiff.Compare(normalize(existing), normalize(declared));
        if (differences.Count == 0)
        {
            // Kept as read: the platform's own spelling of an equal tool (endCall, "async": false) is not a change.
            changes.Add(new ToolChange(ToolChangeKind.InStep, label));
            merged.Add(existing.DeepClone());
            return;
        }

        if (Text(existing["type"]) == "function")
        {
            differences = [new JsonDifference("shape", "nested {\"type\": \"function\", \"function\": {…}}", "flat {\"name\", \"description\", \"parameters\", …}")];
        }

        changes.Add(new ToolChange(ToolChangeKind.Changed, label, Differences: differences));
        merged.Add(declared.DeepClone());
    }

    // "async": false is the default, so a platform that writes it back has not changed the tool.
    private static JsonObject NormalizeWebhook(JsonObject tool)
    {
        var copy = (JsonObject)tool.DeepClone();
        if (copy["async"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.False)
        {
            copy.Remove("async");
        }

        return copy;
    }

    private static JsonObject NormalizeBuiltIn(JsonObject tool)
    {
        var copy = (JsonObject)tool.DeepClone();
        copy["type"] = Text(copy["type"]) switch
        {
            "endCall" => "end_call",
            "transferCall" => "transfer_call",
            var type => type,
        };
        return copy;
    }

    private static bool IsUnder(string url, string baseUrl) =>
        url.StartsWith(baseUrl, StringComparison.OrdinalIgnoreCase) && (url.Length == baseUrl.Length || url[baseUrl.Length] is '/' or '?');

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
