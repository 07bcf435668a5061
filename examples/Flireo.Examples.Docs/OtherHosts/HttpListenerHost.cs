using System.Collections.Specialized;
using System.Net;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.Primitives;

namespace Flireo.Examples.Docs.OtherHosts;

/// <summary>Serves Flireo webhooks from a plain <see cref="HttpListener"/> through <see cref="FlireoWebhookHandler"/>, as docs/other-hosts.md shows.</summary>
public static class HttpListenerHost
{
    /// <summary>Answers the webhooks that arrive on the listener, one at a time, until cancelled.</summary>
    /// <param name="listener">A started listener.</param>
    /// <param name="services">The services, with <c>AddFlireoTools</c> called.</param>
    /// <param name="cancellationToken">Stops serving.</param>
    /// <returns>A task that ends when serving stops.</returns>
    public static async Task ServeAsync(HttpListener listener, IServiceProvider services, CancellationToken cancellationToken)
    {
        #region handler-any-host
        var handler = services.GetRequiredService<FlireoWebhookHandler>(); // throws without a secret outside Development
        while (!cancellationToken.IsCancellationRequested)
        {
            var context = await listener.GetContextAsync().WaitAsync(cancellationToken);
            var path = context.Request.Url!.AbsolutePath;
            var request = new WebhookRequest(context.Request.InputStream, context.Request.ContentType, new ListenerHeaders(context.Request.Headers))
            {
                ContentLength = context.Request.ContentLength64 >= 0 ? context.Request.ContentLength64 : null,
                ToolName = path.StartsWith("/flireo/tools/", StringComparison.Ordinal) ? path["/flireo/tools/".Length..] : null,
                Path = path,
            };

            using var result = await handler.HandleAsync(request, cancellationToken);
            context.Response.StatusCode = result.StatusCode;
            context.Response.ContentType = result.ContentType;
            await result.WriteBodyAsync(context.Response.OutputStream, cancellationToken);
            context.Response.Close();
        }
        #endregion
    }

    #region handler-headers
    private sealed class ListenerHeaders(NameValueCollection headers) : IWebhookHeaders
    {
        public StringValues GetValues(string name) => headers.GetValues(name) is { } values ? new StringValues(values) : StringValues.Empty;
    }
    #endregion
}
