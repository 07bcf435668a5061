using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Flireo.Tools.Benchmarks.Support;

namespace Flireo.Tools.Benchmarks.Load;

/// <summary>Sends signed tool-calls webhooks over loopback HTTP/1.1 and times them.</summary>
internal sealed class WebhookClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    public WebhookClient(TimeSpan timeout)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            UseProxy = false,
        })
        {
            Timeout = timeout,
        };
    }

    public async Task<(HttpStatusCode Status, string Body, double Ms)> PostAsync(Uri url, SignedBodies bodies, int index, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = HttpVersion.Version11,
            Content = new ByteArrayContent(bodies.Bodies[index]),
        };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add("X-Webhook-Event", "tool-calls");
        request.Headers.Add("X-Webhook-Timestamp", bodies.Timestamp);
        request.Headers.Add("X-Webhook-Signature", bodies.Signatures[index]);
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public void Dispose() => _http.Dispose();
}
