using System.Text.Json.Nodes;

namespace Flireo.Tools.Platform;

/// <summary>Lists, creates and updates reusable tool definitions through the Tool templates API (<c>/tool-templates</c>).</summary>
/// <remarks>
/// Templates are JSON objects in the platform's shape: <c>{"name", "description", "tool_type": "function" | "end_call" |
/// "transfer_call", "tool_config": {…}}</c>. An assistant stores a copy of a template's tool, so changing a template does
/// not change assistants that already use it. <c>AddFlireoTools</c> registers it next to <see cref="IFlireoAssistants"/>.
/// </remarks>
public interface IFlireoToolTemplates
{
    /// <summary>Lists the organisation's tool templates.</summary>
    /// <param name="cancellationToken">Cancels the request, including any retry.</param>
    /// <returns>The templates, in the platform's order.</returns>
    /// <exception cref="FlireoApiException">The platform refused the request or could not be reached.</exception>
    Task<IReadOnlyList<JsonObject>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a tool template.</summary>
    /// <param name="toolTemplate">The template: <c>name</c>, <c>tool_type</c> and <c>tool_config</c> are required.</param>
    /// <param name="cancellationToken">Cancels the request, including any retry.</param>
    /// <returns>The stored template, with its <c>id</c>.</returns>
    /// <exception cref="FlireoApiException">The platform refused the template (for example 409 for a duplicate, 422 for an invalid one) or could not be reached.</exception>
    Task<JsonObject> CreateAsync(JsonObject toolTemplate, CancellationToken cancellationToken = default);

    /// <summary>Changes a tool template: the fields sent replace the stored ones (<c>tool_config</c> as a whole).</summary>
    /// <param name="templateId">The template id.</param>
    /// <param name="changes">The fields to replace.</param>
    /// <param name="cancellationToken">Cancels the request, including any retry.</param>
    /// <returns>The stored template.</returns>
    /// <exception cref="FlireoApiException">The platform refused the change or could not be reached.</exception>
    Task<JsonObject> UpdateAsync(string templateId, JsonObject changes, CancellationToken cancellationToken = default);
}
