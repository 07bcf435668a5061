namespace Flireo.Tools.Testing.Tests.Examples;

/// <summary>A weather API that never answers: each request waits until it is cancelled.</summary>
public sealed class HangingWeatherApi : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => never.TrySetCanceled(cancellationToken)))
        {
            return await never.Task;
        }
    }
}
