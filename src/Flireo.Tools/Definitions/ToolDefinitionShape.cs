namespace Flireo.Tools.Definitions;

/// <summary>Specifies the JSON shape of each exported tool definition.</summary>
public enum ToolDefinitionShape
{
    /// <summary>The documented flat <c>llm_config.tools[]</c> item: <c>{"name", "description", "parameters", "url"?, "async"?, "async_response"?}</c>.</summary>
    Flat = 0,

    /// <summary>The nested OpenAI function shape <c>{"type": "function", "function": {…}}</c>, which the Flireo engine also accepts.</summary>
    OpenAI = 1,
}
