using System.Threading.Channels;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Testing.Tests.Support;

/// <summary>Signals shared between a test and the tools and handlers it drives.</summary>
public sealed class Probe
{
    private int _count;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordingQueue Queue { get; } = new();

    public Channel<StatusUpdate> StatusUpdates { get; } = Channel.CreateUnbounded<StatusUpdate>();

    public Channel<EndOfCallReport> Reports { get; } = Channel.CreateUnbounded<EndOfCallReport>();

    public int Increment() => Interlocked.Increment(ref _count);
}
