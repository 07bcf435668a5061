using System.Text.Json.Nodes;

namespace Flireo.Tools.Platform;

/// <summary>Reads and updates saved assistants through the Assistants API (<c>GET</c>/<c>PATCH /assistants/{id}</c>).</summary>
/// <remarks>
/// <para>
/// <c>AddFlireoTools</c> registers it, configured by <c>Flireo:Api:BaseUrl</c> and <c>Flireo:Api:Key</c>, with the same
/// retries and timeouts as <see cref="IFlireoCallControl"/>. Assistants are plain JSON objects in the platform's snake_case
/// shape (<c>llm_config</c>, <c>webhook_url</c>, <c>analysis_plan</c>…), so fields this library does not know survive a
/// read-change-write round trip.
/// </para>
/// <para>
/// The platform replaces each top-level field of an update as a whole: to change one tool, send the whole
/// <c>llm_config</c> as read, with the tool changed (<c>provider</c>, <c>model</c> and <c>messages</c> are required).
/// </para>
/// </remarks>
public interface IFlireoAssistants
{
    /// <summary>Reads a saved assistant.</summary>
    /// <param name="assistantId">The assistant id.</param>
    /// <param name="cancellationToken">Cancels the request, including any retry.</param>
    /// <returns>The assistant object (the <c>assistant</c> member of the answer).</returns>
    /// <exception cref="FlireoApiException">
    /// The platform refused the request (for example 401 for a wrong key or 404 for an unknown assistant; see
    /// <see cref="FlireoApiException.StatusCode"/>), answered something that is not an assistant, or could not be reached.
    /// </exception>
    Task<JsonObject> GetAsync(string assistantId, CancellationToken cancellationToken = default);

    /// <summary>Changes a saved assistant: each top-level field sent replaces the stored one.</summary>
    /// <param name="assistantId">The assistant id.</param>
    /// <param name="changes">The fields to replace, such as <c>{"llm_config": {…}, "webhook_url": "…"}</c>.</param>
    /// <param name="cancellationToken">Cancels the request, including any retry.</param>
    /// <returns>The assistant as the platform stored it.</returns>
    /// <exception cref="FlireoApiException">The platform refused the change (for example 422 for an invalid field) or could not be reached; nothing was changed.</exception>
    Task<JsonObject> UpdateAsync(string assistantId, JsonObject changes, CancellationToken cancellationToken = default);
}
