using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Flireo.Examples.Tests.TestSupport;

/// <summary>Answers HTTP requests in memory, so the weather tool never needs the internet.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    public ConcurrentQueue<Uri> Requests { get; } = new();

    /// <summary>Completes when the first request arrives.</summary>
    public TaskCompletionSource RequestStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a request was cancelled through its token.</summary>
    public TaskCompletionSource CancellationObserved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; }
        = static (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Never answers; ends only when the request is cancelled.</summary>
    public async Task<HttpResponseMessage> HangAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            CancellationObserved.TrySetResult();
            throw;
        }

        throw new InvalidOperationException("Unreachable.");
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request.RequestUri!);
        RequestStarted.TrySetResult();
        return await Respond(request, cancellationToken);
    }
}
