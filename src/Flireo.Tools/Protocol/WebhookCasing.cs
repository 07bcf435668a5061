namespace Flireo.Tools.Protocol;

/// <summary>Specifies the JSON key casing of a Flireo webhook, which the answer mirrors.</summary>
public enum WebhookCasing
{
    /// <summary>snake_case keys (<c>tool_call_list</c>, <c>tool_call_id</c>), used by current platform versions.</summary>
    SnakeCase = 0,

    /// <summary>camelCase keys (<c>toolCallList</c>, <c>toolCallId</c>), used by earlier platform versions.</summary>
    CamelCase = 1,
}
