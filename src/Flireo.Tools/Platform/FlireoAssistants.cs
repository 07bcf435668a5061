using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Platform;

/// <summary>The Assistants API client: a typed client on the shared platform HTTP client.</summary>
internal sealed class FlireoAssistants : IFlireoAssistants
{
    private readonly HttpClient _http;
    private readonly FlireoApiOptions _api;
    private readonly ILogger _logger;

    public FlireoAssistants(HttpClient http, IOptions<FlireoToolsOptions> options, ILogger<FlireoAssistants> logger)
    {
        _http = http;
        _api = options.Value.Api;
        _logger = logger;
    }

    public async Task<JsonObject> GetAsync(string assistantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assistantId);
        var what = $"Reading assistant {assistantId}";
        var answer = await PlatformJson.SendAsync(_http, _api, _logger, HttpMethod.Get, Path(assistantId), null, what, cancellationToken).ConfigureAwait(false);
        return PlatformJson.Member(answer, "assistant", what);
    }

    public async Task<JsonObject> UpdateAsync(string assistantId, JsonObject changes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assistantId);
        ArgumentNullException.ThrowIfNull(changes);
        var what = $"Updating assistant {assistantId}";
        var answer = await PlatformJson.SendAsync(_http, _api, _logger, HttpMethod.Patch, Path(assistantId), changes, what, cancellationToken).ConfigureAwait(false);
        return PlatformJson.Member(answer, "assistant", what);
    }

    private static string Path(string assistantId) => string.Concat("/assistants/", Uri.EscapeDataString(assistantId));
}
