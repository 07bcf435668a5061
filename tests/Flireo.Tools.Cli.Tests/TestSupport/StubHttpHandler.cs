using System.Net;
using System.Text;

namespace Flireo.Tools.Cli.Tests.TestSupport;

/// <summary>Answers every request with a fixed response and records what was sent.</summary>
internal sealed class StubHttpHandler(HttpStatusCode status, string body, string contentType = "application/json") : HttpMessageHandler
{
    public HttpRequestMessage? Request { get; private set; }

    public byte[] RequestBody { get; private set; } = [];

    public string RequestText => Encoding.UTF8.GetString(RequestBody);

    public Exception? Failure { get; init; }

    public string Header(string name) => Request!.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new InvalidOperationException($"No header {name}.");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Request = request;
        RequestBody = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (Failure is not null)
        {
            throw Failure;
        }

        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType), RequestMessage = request };
    }
}
