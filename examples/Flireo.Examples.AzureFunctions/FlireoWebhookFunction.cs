using System.Net;
using Flireo.Tools.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Primitives;

namespace Flireo.Examples.AzureFunctions;

/// <summary>Receives Flireo webhooks on <c>/api/flireo</c> and <c>/api/flireo/tools/{name}</c> through <see cref="FlireoWebhookHandler"/>.</summary>
/// <remarks>Anonymous on purpose: every webhook's HMAC signature is checked by the handler (a function key would have to be in the URL).</remarks>
/// <param name="handler">The handler, from the services.</param>
public sealed class FlireoWebhookFunction(FlireoWebhookHandler handler)
{
    /// <summary>Handles a webhook sent to the shared URL.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the invocation is cancelled.</param>
    /// <returns>The answer.</returns>
    [Function("flireo")]
    public Task<HttpResponseData> WebhookAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "flireo")] HttpRequestData request, CancellationToken cancellationToken)
        => HandleAsync(request, null, cancellationToken);

    /// <summary>Handles a webhook sent to the per-tool URL of one tool.</summary>
    /// <param name="request">The request.</param>
    /// <param name="name">The tool the URL serves.</param>
    /// <param name="cancellationToken">Cancelled when the invocation is cancelled.</param>
    /// <returns>The answer.</returns>
    [Function("flireo-tool")]
    public Task<HttpResponseData> ToolAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "flireo/tools/{name}")] HttpRequestData request, string name, CancellationToken cancellationToken)
        => HandleAsync(request, name, cancellationToken);

    private async Task<HttpResponseData> HandleAsync(HttpRequestData request, string? toolName, CancellationToken cancellationToken)
    {
        var headers = new Headers(request.Headers);
        var webhook = new WebhookRequest(request.Body, headers.GetValues("Content-Type"), headers)
        {
            ContentLength = long.TryParse(headers.GetValues("Content-Length"), out var length) ? length : null,
            ToolName = toolName,
            Path = request.Url.AbsolutePath,
        };

        using var result = await handler.HandleAsync(webhook, cancellationToken);
        var response = request.CreateResponse((HttpStatusCode)result.StatusCode);
        response.Headers.Add("Content-Type", result.ContentType);
        await result.WriteBodyAsync(response.Body, cancellationToken);
        return response;
    }

    private sealed class Headers(HttpHeadersCollection headers) : IWebhookHeaders
    {
        public StringValues GetValues(string name) => headers.TryGetValues(name, out var values) ? new StringValues([.. values]) : StringValues.Empty;
    }
}
