using System.Text.Json;
using System.Text.Unicode;

namespace Flireo.Tools.Protocol;

/// <summary>Reads the Flireo envelope in camelCase or snake_case without reflection.</summary>
internal static class WebhookParser
{
    public static bool TryParse(ReadOnlyMemory<byte> utf8Json, int maxDepth, out WebhookMessage? message, out string? error)
    {
        message = null;

        // JSON must be UTF-8 (RFC 8259). The reader does not check the bytes inside strings, so without this a body with
        // invalid bytes in, say, the arguments parses and fails later, deep in the router, as a tool failure.
        if (!Utf8.IsValid(utf8Json.Span))
        {
            error = "The body is not valid UTF-8.";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            error = ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                ? $"The body nests deeper than {maxDepth} levels."
                : "The body is not valid JSON.";
            return false;
        }

        try
        {
            if (TryRead(document, out message, out error))
            {
                return true;
            }
        }
        catch (InvalidOperationException)
        {
            error = "The body has a value of the wrong type.";
        }

        document.Dispose();
        return false;
    }

    private static bool TryRead(JsonDocument document, out WebhookMessage? message, out string? error)
    {
        message = null;
        var body = document.RootElement;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The body must be a JSON object.";
            return false;
        }

        if (!body.TryGetProperty("message"u8, out var root) || root.ValueKind != JsonValueKind.Object)
        {
            error = "The body has no 'message' object.";
            return false;
        }

        if (!root.TryGetProperty("type"u8, out var typeElement) || typeElement.ValueKind != JsonValueKind.String || typeElement.GetString() is not { Length: > 0 } type)
        {
            error = "'message.type' must be a non-empty string.";
            return false;
        }

        var casing = DetectCasing(root);
        string? callId = null, callType = null, callStatus = null;
        if (TryGetObject(root, "call", out var call, out error))
        {
            callId = GetString(call, "id", out error);
            callType = error is null ? GetString(call, "type", out error) : null;
            callStatus = error is null ? GetString(call, "status", out error) : null;
        }

        if (error is not null)
        {
            return false;
        }

        string? customerNumber = null;
        if (TryGetObject(root, "customer", out var customer, out error))
        {
            customerNumber = GetString(customer, "number", out error);
        }

        if (error is not null)
        {
            return false;
        }

        PhoneNumberInfo? phoneNumber = null;
        if (TryGetObject(root, casing == WebhookCasing.CamelCase ? "phoneNumber" : "phone_number", out var phone, out error))
        {
            var id = GetString(phone, "id", out error);
            var number = error is null ? GetString(phone, "number", out error) : null;
            var name = error is null ? GetString(phone, "name", out error) : null;
            phoneNumber = new PhoneNumberInfo(id, number, name);
        }

        if (error is not null)
        {
            return false;
        }

        JsonElement? assistant = null, metadata = null;
        if (TryGetObject(root, "assistant", out var assistantElement, out error))
        {
            assistant = assistantElement;
            if (assistantElement.TryGetProperty("metadata"u8, out var meta) && meta.ValueKind == JsonValueKind.Object)
            {
                metadata = meta;
            }
        }

        if (error is not null)
        {
            return false;
        }

        var timestamp = GetString(root, "timestamp", out error);
        if (error is not null)
        {
            return false;
        }

        // A tool call served over MCP is carried in a message of its own making, with the MCP ids under "mcp".
        string? mcpSessionId = null, mcpRequestId = null;
        if (TryGetObject(root, "mcp", out var mcp, out error))
        {
            mcpSessionId = GetString(mcp, "session_id", out error);
            mcpRequestId = error is null ? GetString(mcp, "request_id", out error) : null;
        }

        if (error is not null)
        {
            return false;
        }

        IReadOnlyList<ToolCallRequest> toolCalls = [];
        if (type == WebhookTypes.ToolCalls && !TryReadToolCalls(root, out toolCalls, out error))
        {
            return false;
        }

        message = new WebhookMessage(document, root, type, casing)
        {
            Timestamp = timestamp,
            CallId = callId,
            CallType = callType,
            CallStatus = callStatus,
            CustomerNumber = customerNumber,
            PhoneNumber = phoneNumber,
            Assistant = assistant,
            AssistantMetadata = metadata,
            McpSessionId = mcpSessionId,
            McpRequestId = mcpRequestId,
            ToolCalls = toolCalls,
        };
        error = null;
        return true;
    }

    private static bool TryReadToolCalls(JsonElement root, out IReadOnlyList<ToolCallRequest> toolCalls, out string? error)
    {
        toolCalls = [];
        if (!root.TryGetProperty("toolCallList"u8, out var list) && !root.TryGetProperty("tool_call_list"u8, out list))
        {
            error = "A tool-calls message needs a 'toolCallList' (or 'tool_call_list') array.";
            return false;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            error = "'toolCallList' must be an array.";
            return false;
        }

        var calls = new ToolCallRequest[list.GetArrayLength()];
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = $"toolCallList[{index}] must be an object.";
                return false;
            }

            if (!item.TryGetProperty("id"u8, out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 } id)
            {
                error = $"toolCallList[{index}].id must be a non-empty string.";
                return false;
            }

            // The OpenAI shape nests name and arguments under "function"; a flat item is accepted too.
            var holder = item.TryGetProperty("function"u8, out var function) && function.ValueKind == JsonValueKind.Object ? function : item;
            string name = string.Empty;
            if (holder.TryGetProperty("name"u8, out var nameElement))
            {
                if (nameElement.ValueKind != JsonValueKind.String)
                {
                    error = $"toolCallList[{index}].function.name must be a string.";
                    return false;
                }

                name = nameElement.GetString()!;
            }

            holder.TryGetProperty("arguments"u8, out var arguments);
            calls[index++] = new ToolCallRequest(id, name, arguments);
        }

        toolCalls = calls;
        error = null;
        return true;
    }

    private static WebhookCasing DetectCasing(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            if (name.Contains('_', StringComparison.Ordinal))
            {
                return WebhookCasing.SnakeCase;
            }

            if (name is "toolCallList" or "phoneNumber" or "durationSeconds" or "recordingUrl" or "endReason")
            {
                return WebhookCasing.CamelCase;
            }
        }

        // Fall back to the call type's spelling: "inboundPhoneCall" (camel) or "inbound_phone_call" (snake).
        if (root.TryGetProperty("call"u8, out var call) && call.ValueKind == JsonValueKind.Object
            && call.TryGetProperty("type"u8, out var callType) && callType.ValueKind == JsonValueKind.String)
        {
            var value = callType.GetString()!;
            if (!value.Contains('_', StringComparison.Ordinal) && value.Any(char.IsUpper))
            {
                return WebhookCasing.CamelCase;
            }
        }

        return WebhookCasing.SnakeCase;
    }

    private static bool TryGetObject(JsonElement parent, string name, out JsonElement value, out string? error)
    {
        error = null;
        if (!parent.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            error = $"'{name}' must be an object.";
            return false;
        }

        return true;
    }

    private static string? GetString(JsonElement parent, string name, out string? error)
    {
        error = null;
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Null:
                return null;
            default:
                error = $"'{name}' must be a string.";
                return null;
        }
    }
}
