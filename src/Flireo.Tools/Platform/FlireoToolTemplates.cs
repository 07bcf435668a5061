using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Platform;

/// <summary>The Tool templates API client: a typed client on the shared platform HTTP client.</summary>
/// <remarks>Reads the SDK's snake_case answers (<c>tool_templates</c>, <c>tool_template</c>) and the camelCase ones of earlier docs.</remarks>
internal sealed class FlireoToolTemplates : IFlireoToolTemplates
{
    private const string Path = "/tool-templates";

    private readonly HttpClient _http;
    private readonly FlireoApiOptions _api;
    private readonly ILogger _logger;

    public FlireoToolTemplates(HttpClient http, IOptions<FlireoToolsOptions> options, ILogger<FlireoToolTemplates> logger)
    {
        _http = http;
        _api = options.Value.Api;
        _logger = logger;
    }

    public async Task<IReadOnlyList<JsonObject>> ListAsync(CancellationToken cancellationToken = default)
    {
        const string what = "Listing tool templates";
        var answer = await PlatformJson.SendAsync(_http, _api, _logger, HttpMethod.Get, Path, null, what, cancellationToken).ConfigureAwait(false);
        if ((answer["tool_templates"] ?? answer["toolTemplates"]) is not JsonArray items)
        {
            throw new FlireoApiException($"{what} failed: the Flireo API's answer has no 'tool_templates' array.");
        }

        var templates = new List<JsonObject>(items.Count);
        foreach (var item in items)
        {
            if (item is JsonObject template)
            {
                templates.Add(template);
            }
        }

        items.Clear();
        return templates;
    }

    public async Task<JsonObject> CreateAsync(JsonObject toolTemplate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toolTemplate);
        var what = $"Creating tool template '{toolTemplate["name"]}'";
        var answer = await PlatformJson.SendAsync(_http, _api, _logger, HttpMethod.Post, Path, toolTemplate, what, cancellationToken).ConfigureAwait(false);
        return Template(answer, what);
    }

    public async Task<JsonObject> UpdateAsync(string templateId, JsonObject changes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        ArgumentNullException.ThrowIfNull(changes);
        var what = $"Updating tool template {templateId}";
        var answer = await PlatformJson.SendAsync(_http, _api, _logger, HttpMethod.Patch, string.Concat(Path, "/", Uri.EscapeDataString(templateId)), changes, what, cancellationToken).ConfigureAwait(false);
        return Template(answer, what);
    }

    private static JsonObject Template(JsonObject answer, string what) =>
        PlatformJson.Member(answer, answer.ContainsKey("tool_template") || !answer.ContainsKey("toolTemplate") ? "tool_template" : "toolTemplate", what);
}
