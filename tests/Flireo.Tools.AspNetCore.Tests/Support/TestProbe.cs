using System.Threading.Channels;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.AspNetCore.Tests.Support;

/// <summary>Signals shared between a test and the tools and handlers it drives.</summary>
public sealed class TestProbe
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<CancellationToken> Token { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Channel<StatusUpdate> StatusUpdates { get; } = Channel.CreateUnbounded<StatusUpdate>();

    public Channel<EndOfCallReport> Reports { get; } = Channel.CreateUnbounded<EndOfCallReport>();

    public Channel<AssistantRequest> AssistantRequests { get; } = Channel.CreateUnbounded<AssistantRequest>();

    public void ReleaseAll() => Release.TrySetResult();
}
