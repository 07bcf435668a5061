using Microsoft.Extensions.Primitives;

namespace Flireo.Tools.Webhooks;

/// <summary>Reads the headers of one webhook request for <see cref="FlireoWebhookHandler"/>, whatever the host.</summary>
/// <remarks>
/// The handler reads <c>Authorization</c>, <c>X-Webhook-Timestamp</c>, <c>X-Webhook-Signature</c> and
/// <c>X-Webhook-Event</c>. Implement it over the host's own header collection; header names are matched
/// case-insensitively, as HTTP requires.
/// </remarks>
public interface IWebhookHeaders
{
    /// <summary>Gets the values of a request header.</summary>
    /// <param name="name">The header name, matched case-insensitively.</param>
    /// <returns>The values in the order received, or <see cref="StringValues.Empty"/> when the request has no such header.</returns>
    StringValues GetValues(string name);
}
