using System.Collections.Concurrent;
using Flireo.Tools.Async;

namespace Flireo.Examples.Tests.TestSupport;

/// <summary>Accepts async tool calls and keeps them, so a test can see what was acknowledged.</summary>
internal sealed class RecordingWorkQueue : IToolWorkQueue
{
    public ConcurrentQueue<ToolWorkItem> Items { get; } = new();

    public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        Items.Enqueue(item);
        return ValueTask.FromResult(ToolWorkEnqueueResult.Accepted);
    }
}
