using System.Collections.Concurrent;
using Flireo.Tools.Async;

namespace Flireo.Tools.Tests.TestSupport;

internal sealed class RecordingWorkQueue : IToolWorkQueue
{
    public ConcurrentQueue<ToolWorkItem> Items { get; } = new();

    public ToolWorkEnqueueResult Answer { get; set; } = ToolWorkEnqueueResult.Accepted;

    public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        Items.Enqueue(item);
        return ValueTask.FromResult(Answer);
    }
}
