using System.Collections.Concurrent;
using Flireo.Tools.Async;

namespace Flireo.Tools.Testing.Tests.Support;

/// <summary>Keeps async tool work instead of running it, so a test sees exactly what was queued.</summary>
public sealed class RecordingQueue : IToolWorkQueue
{
    private readonly ConcurrentQueue<ToolWorkItem> _items = new();

    public IReadOnlyCollection<ToolWorkItem> Items => _items;

    public ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken)
    {
        _items.Enqueue(item);
        return ValueTask.FromResult(ToolWorkEnqueueResult.Accepted);
    }
}
