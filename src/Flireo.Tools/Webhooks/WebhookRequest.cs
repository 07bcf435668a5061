namespace Flireo.Tools.Webhooks;

/// <summary>Represents one incoming webhook request as <see cref="FlireoWebhookHandler"/> sees it, independent of the host.</summary>
/// <remarks>
/// The body is a stream, not bytes, so the handler keeps the order of its checks: a request with the wrong content
/// type, a declared length over <see cref="FlireoToolsOptions.MaxRequestBodySize"/> or a wrong bearer token is refused
/// before its body is read, and a body without a declared length is read into a pooled buffer only up to the limit.
/// A host that already holds the bytes passes them as a <see cref="MemoryStream"/> with <see cref="ContentLength"/> set.
/// </remarks>
public sealed class WebhookRequest
{
    /// <summary>Initializes a new instance of the <see cref="WebhookRequest"/> class.</summary>
    /// <param name="body">The request body, read once from its current position; the handler does not dispose it.</param>
    /// <param name="contentType">The <c>Content-Type</c> header, or <see langword="null"/> when there is none (answered 415).</param>
    /// <param name="headers">The request headers.</param>
    public WebhookRequest(Stream body, string? contentType, IWebhookHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(headers);
        Body = body;
        ContentType = contentType;
        Headers = headers;
    }

    /// <summary>Gets the request body.</summary>
    public Stream Body { get; }

    /// <summary>Gets the <c>Content-Type</c> header; <c>application/json</c> or a <c>+json</c> type, with any parameters, is accepted.</summary>
    public string? ContentType { get; }

    /// <summary>Gets the request headers.</summary>
    public IWebhookHeaders Headers { get; }

    /// <summary>Gets the declared length of the body (<c>Content-Length</c>), or <see langword="null"/> when unknown.</summary>
    /// <remarks>A declared length over the limit is refused with 413 before the body is read.</remarks>
    public long? ContentLength { get; init; }

    /// <summary>Gets the tool named by a per-tool URL (<c>…/tools/{name}</c>), or <see langword="null"/> for the shared URL.</summary>
    /// <remarks>When set, every tool call in the webhook must be for this tool; others are answered with an error.</remarks>
    public string? ToolName { get; init; }

    /// <summary>Gets the path the request arrived on, for log messages; <see langword="null"/> uses the endpoint given to <see cref="FlireoWebhookHandler.Create"/>.</summary>
    public string? Path { get; init; }
}
