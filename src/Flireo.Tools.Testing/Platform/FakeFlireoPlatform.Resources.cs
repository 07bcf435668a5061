using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flireo.Tools.Testing.Platform;

/// <content>The Assistants and Tool templates APIs of the fake.</content>
public sealed partial class FakeFlireoPlatform
{
    // The fields AssistantUpdateParams of the vendor's SDK lists; anything else (a camelCase key, a typo) is refused.
    private static readonly HashSet<string> AssistantFields = new(StringComparer.Ordinal)
    {
        "name", "business_name", "notification_email", "notification_emails", "recording_consent", "first_message", "is_active",
        "max_duration_seconds", "autonomous_silence_handling", "silence_timeout_seconds", "voicemail_detection", "voicemail_message",
        "gdpr_mode", "webhook_url", "webhook_secret", "webhook_events", "analysis_plan", "stt_config", "llm_config", "tts_config",
        "speech_config",
    };

    private static readonly HashSet<string> WebhookEvents = new(StringComparer.Ordinal)
    {
        "assistant-request", "tool-calls", "status-update", "end-of-call-report",
    };

    private static readonly HashSet<string> LlmProviders = new(StringComparer.Ordinal)
    {
        "openai", "xai", "mistral", "google", "google_realtime", "xai_realtime", "openai_live",
    };

    private readonly Dictionary<string, JsonObject> _assistants = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _toolTemplates = [];

    /// <summary>Gets a snapshot of the stored tool templates, in creation order; each a copy.</summary>
    public IReadOnlyList<JsonObject> ToolTemplates
    {
        get
        {
            lock (_lock)
            {
                return [.. _toolTemplates.Select(static t => (JsonObject)t.DeepClone())];
            }
        }
    }

    /// <summary>Stores an assistant the Assistants API then serves.</summary>
    /// <param name="assistant">
    /// The assistant in the platform's shape, such as <c>{"name": "Reception", "llm_config": {"provider": "openai",
    /// "model": "gpt-4o", "tools": [ … ]}}</c>; a copy is stored. Its <c>id</c> is kept when it has one.
    /// </param>
    /// <returns>The assistant id.</returns>
    public string AddAssistant(JsonObject assistant)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        var copy = (JsonObject)assistant.DeepClone();
        var id = copy["id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
        var now = Now();
        copy["id"] = id;
        copy["created_at"] ??= now;
        copy["updated_at"] ??= now;
        lock (_lock)
        {
            _assistants[id] = copy;
        }

        return id;
    }

    /// <summary>Gets a copy of a stored assistant as it is now, after any <c>PATCH</c>.</summary>
    /// <param name="assistantId">The assistant id.</param>
    /// <returns>The copy, or <see langword="null"/> when no assistant has that id.</returns>
    public JsonObject? GetAssistant(string assistantId)
    {
        ArgumentNullException.ThrowIfNull(assistantId);
        lock (_lock)
        {
            return _assistants.TryGetValue(assistantId, out var assistant) ? (JsonObject)assistant.DeepClone() : null;
        }
    }

    /// <summary>Stores a tool template the Tool templates API then serves.</summary>
    /// <param name="template">The template, such as <c>{"name": "lookup", "tool_type": "function", "tool_config": {…}}</c>; a copy is stored.</param>
    /// <returns>The template id.</returns>
    public string AddToolTemplate(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        lock (_lock)
        {
            return StoreTemplate(template);
        }
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // Called under the lock.
    private string StoreTemplate(JsonObject template)
    {
        var copy = (JsonObject)template.DeepClone();
        var id = copy["id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
        var now = Now();
        copy["id"] = id;
        copy["org_id"] ??= "org_fake";
        copy["description"] ??= null;
        copy["created_at"] ??= now;
        copy["updated_at"] ??= now;
        _toolTemplates.Add(copy);
        return id;
    }

    private void MapResources(RouteGroupBuilder api)
    {
        api.MapGet("/assistants", (Delegate)ListAssistantsAsync);
        api.MapGet("/assistants/{assistantId}", (Delegate)GetAssistantAsync);
        api.MapPatch("/assistants/{assistantId}", (Delegate)PatchAssistantAsync);
        api.MapGet("/tool-templates", (Delegate)ListTemplatesAsync);
        api.MapPost("/tool-templates", (Delegate)CreateTemplateAsync);
        api.MapGet("/tool-templates/{templateId}", (Delegate)GetTemplateAsync);
        api.MapPatch("/tool-templates/{templateId}", (Delegate)PatchTemplateAsync);
        api.MapDelete("/tool-templates/{templateId}", (Delegate)DeleteTemplateAsync);
    }

    private Task ListAssistantsAsync(HttpContext context)
    {
        JsonArray list;
        lock (_lock)
        {
            list = [.. _assistants.Values.Select(static a => a.DeepClone())];
        }

        return WriteNodeAsync(context, 200, new JsonObject { ["assistants"] = list });
    }

    private Task GetAssistantAsync(HttpContext context, string assistantId)
    {
        var assistant = GetAssistant(Uri.UnescapeDataString(assistantId));
        return assistant is null
            ? WriteAsync(context, 404, new { error = "Not found", message = "Assistant not found" })
            : WriteNodeAsync(context, 200, new JsonObject { ["assistant"] = assistant });
    }

    private Task PatchAssistantAsync(HttpContext context, string assistantId)
    {
        assistantId = Uri.UnescapeDataString(assistantId);
        if (ReadObject(context) is not { } changes)
        {
            return WriteAsync(context, 400, new { error = "Bad request", message = "The body must be a JSON object." });
        }

        lock (_lock)
        {
            if (!_assistants.TryGetValue(assistantId, out var stored))
            {
                return WriteAsync(context, 404, new { error = "Not found", message = "Assistant not found" });
            }

            var problems = ValidateAssistant(changes);
            if (problems.Count > 0)
            {
                return WriteAsync(context, 422, new { error = "Validation failed", message = "The assistant update is invalid.", details = problems });
            }

            foreach (var (name, value) in changes)
            {
                stored[name] = value?.DeepClone();
            }

            stored["updated_at"] = Now();
            return WriteNodeAsync(context, 200, new JsonObject { ["assistant"] = stored.DeepClone() });
        }
    }

    private Task ListTemplatesAsync(HttpContext context) =>
        WriteNodeAsync(context, 200, new JsonObject { ["tool_templates"] = new JsonArray([.. ToolTemplates]) });

    private Task CreateTemplateAsync(HttpContext context)
    {
        if (ReadObject(context) is not { } template)
        {
            return WriteAsync(context, 400, new { error = "Bad request", message = "The body must be a JSON object." });
        }

        var problems = ValidateTemplate(template, partial: false);
        if (problems.Count > 0)
        {
            return WriteAsync(context, 422, new { error = "Validation failed", message = "The tool template is invalid.", details = problems });
        }

        lock (_lock)
        {
            var name = template["name"]!.GetValue<string>();
            if (_toolTemplates.Any(t => t["name"]?.GetValue<string>() == name))
            {
                return WriteAsync(context, 409, new { error = "Conflict", message = $"A tool template named '{name}' already exists." });
            }

            var id = StoreTemplate(template);
            return WriteNodeAsync(context, 201, new JsonObject { ["tool_template"] = _toolTemplates.Single(t => t["id"]!.GetValue<string>() == id).DeepClone() });
        }
    }

    private Task GetTemplateAsync(HttpContext context, string templateId)
    {
        lock (_lock)
        {
            return FindTemplate(Uri.UnescapeDataString(templateId)) is { } template
                ? WriteNodeAsync(context, 200, new JsonObject { ["tool_template"] = template.DeepClone() })
                : WriteAsync(context, 404, new { error = "Not found", message = "Tool template not found" });
        }
    }

    private Task PatchTemplateAsync(HttpContext context, string templateId)
    {
        if (ReadObject(context) is not { } changes)
        {
            return WriteAsync(context, 400, new { error = "Bad request", message = "The body must be a JSON object." });
        }

        lock (_lock)
        {
            if (FindTemplate(Uri.UnescapeDataString(templateId)) is not { } stored)
            {
                return WriteAsync(context, 404, new { error = "Not found", message = "Tool template not found" });
            }

            var problems = ValidateTemplate(changes, partial: true);
            if (problems.Count > 0)
            {
                return WriteAsync(context, 422, new { error = "Validation failed", message = "The tool template update is invalid.", details = problems });
            }

            if (changes["name"]?.GetValue<string>() is { } name && _toolTemplates.Any(t => t != stored && t["name"]?.GetValue<string>() == name))
            {
                return WriteAsync(context, 409, new { error = "Conflict", message = $"A tool template named '{name}' already exists." });
            }

            foreach (var (key, value) in changes)
            {
                stored[key] = value?.DeepClone();
            }

            stored["updated_at"] = Now();
            return WriteNodeAsync(context, 200, new JsonObject { ["tool_template"] = stored.DeepClone() });
        }
    }

    private Task DeleteTemplateAsync(HttpContext context, string templateId)
    {
        lock (_lock)
        {
            if (FindTemplate(Uri.UnescapeDataString(templateId)) is not { } stored)
            {
                return WriteAsync(context, 404, new { error = "Not found", message = "Tool template not found" });
            }

            _toolTemplates.Remove(stored);
        }

        return WriteAsync(context, 200, new { success = true });
    }

    private JsonObject? FindTemplate(string id) => _toolTemplates.FirstOrDefault(t => t["id"]?.GetValue<string>() == id);

    private static JsonObject? ReadObject(HttpContext context)
    {
        try
        {
            return JsonNode.Parse((string)context.Items[typeof(string)]!) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task WriteNodeAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static List<string> ValidateAssistant(JsonObject changes)
    {
        var problems = new List<string>();
        foreach (var (name, _) in changes)
        {
            if (!AssistantFields.Contains(name))
            {
                problems.Add($"'{name}' is not an assistant field.");
            }
        }

        if (changes.TryGetPropertyValue("llm_config", out var llm))
        {
            ValidateLlmConfig(llm, problems);
        }

        if (changes.TryGetPropertyValue("webhook_url", out var url) && url is not null
            && (url.GetValueKind() != JsonValueKind.String || !Uri.TryCreate(url.GetValue<string>(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            problems.Add("webhook_url must be an absolute http or https URL or null.");
        }

        if (changes.TryGetPropertyValue("webhook_events", out var events) && events is not null)
        {
            if (events is not JsonArray list)
            {
                problems.Add("webhook_events must be an array or null.");
            }
            else
            {
                foreach (var item in list)
                {
                    if (item is null || item.GetValueKind() != JsonValueKind.String || !WebhookEvents.Contains(item.GetValue<string>()))
                    {
                        problems.Add($"webhook_events: '{item?.ToJsonString()}' is not an event ({string.Join(", ", WebhookEvents)}).");
                    }
                }
            }
        }

        if (changes.TryGetPropertyValue("analysis_plan", out var plan) && plan is not null)
        {
            if (plan is not JsonObject planObject)
            {
                problems.Add("analysis_plan must be an object or null.");
            }
            else if (planObject["structured_data_plan"] is { } structured)
            {
                if (structured is not JsonObject structuredObject || structuredObject["enabled"]?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add("analysis_plan.structured_data_plan needs enabled (boolean).");
                }
                else if (structuredObject["schema"] is { } schema && schema is not JsonObject)
                {
                    problems.Add("analysis_plan.structured_data_plan.schema must be a JSON schema object.");
                }
            }
        }

        return problems;
    }

    private static void ValidateLlmConfig(JsonNode? llm, List<string> problems)
    {
        if (llm is not JsonObject config)
        {
            problems.Add("llm_config must be an object.");
            return;
        }

        if (config["provider"] is not JsonValue provider || provider.GetValueKind() != JsonValueKind.String || !LlmProviders.Contains(provider.GetValue<string>()))
        {
            problems.Add("llm_config.provider is required (openai, xai, mistral, google, google_realtime, xai_realtime, openai_live).");
        }

        if (config["model"] is not JsonValue model || model.GetValueKind() != JsonValueKind.String)
        {
            problems.Add("llm_config.model is required.");
        }

        if (config["tools"] is not { } toolsNode)
        {
            return;
        }

        if (toolsNode is not JsonArray tools)
        {
            problems.Add("llm_config.tools must be an array.");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tools.Count; i++)
        {
            var where = $"llm_config.tools[{i}]";
            if (tools[i] is not JsonObject tool)
            {
                problems.Add($"{where} must be an object.");
                continue;
            }

            var type = tool["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
            string? name = null;
            switch (type)
            {
                case "end_call" or "endCall":
                    break;
                case "transfer_call" or "transferCall":
                    ValidateDestinations(tool["destinations"], where, problems);
                    break;
                case "mcp":
                    if (tool["mcp_server_id"] is not JsonValue)
                    {
                        problems.Add($"{where}: an mcp tool needs mcp_server_id.");
                    }

                    break;
                case "function":
                    name = Text(tool["function"]?["name"]);
                    if (name is null)
                    {
                        problems.Add($"{where}: a function tool needs function.name.");
                    }

                    break;
                case null:
                    name = Text(tool["name"]);
                    if (name is null || Text(tool["description"]) is null)
                    {
                        problems.Add($"{where}: a webhook tool needs name and description.");
                    }

                    break;
                default:
                    problems.Add($"{where}: unknown tool type '{type}'.");
                    break;
            }

            if (name is not null)
            {
                if (!ToolName().IsMatch(name))
                {
                    problems.Add($"{where}: '{name}' is not a valid tool name.");
                }
                else if (!names.Add(name))
                {
                    problems.Add($"{where}: the tool name '{name}' is used twice.");
                }
            }
        }
    }

    private static void ValidateDestinations(JsonNode? node, string where, List<string> problems)
    {
        if (node is not JsonArray { Count: > 0 } destinations)
        {
            problems.Add($"{where}: transfer_call needs at least one destination.");
            return;
        }

        foreach (var destination in destinations)
        {
            var type = Text(destination?["type"]);
            var valid = type switch
            {
                "number" => Text(destination!["number"]) is { } number && E164().IsMatch(number),
                "sip" => Text(destination!["sip_uri"]) is { } uri && uri.StartsWith("sip", StringComparison.Ordinal),
                _ => false,
            };
            if (!valid || Text(destination!["description"]) is null)
            {
                problems.Add($"{where}: each destination needs type number (E.164 number) or sip (sip_uri), and a description.");
            }
        }
    }

    private static List<string> ValidateTemplate(JsonObject template, bool partial)
    {
        var problems = new List<string>();
        if (!partial || template.ContainsKey("name"))
        {
            if (Text(template["name"]) is not { Length: > 0 })
            {
                problems.Add("name is required.");
            }
        }

        var type = Text(template["tool_type"]);
        if ((!partial || template.ContainsKey("tool_type")) && type is not ("function" or "end_call" or "transfer_call"))
        {
            problems.Add("tool_type must be function, end_call or transfer_call.");
        }

        if (!partial || template.ContainsKey("tool_config"))
        {
            if (template["tool_config"] is not JsonObject config)
            {
                problems.Add("tool_config must be an object.");
            }
            else if (type == "function" && Text(config["name"]) is { } name && !ToolName().IsMatch(name))
            {
                problems.Add($"tool_config.name '{name}' is not a valid tool name.");
            }
            else if (type == "transfer_call")
            {
                ValidateDestinations(config["destinations"], "tool_config", problems);
            }
        }

        return problems;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ToolName();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
