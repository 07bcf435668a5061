using System.Collections.Concurrent;
using Flireo.Tools.Async;

namespace Flireo.Tools.Dashboard;

/// <summary>Knows which async tool calls are running now and how the last ones ended, from the <see cref="IToolWorkRunner"/> every queue back-end runs its calls with.</summary>
internal sealed class AsyncRunTracker
{
    /// <summary>The most finished runs kept.</summary>
    internal const int MaxFinished = 50;

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<long, AsyncRunView> _running = new();
    private readonly Lock _lock = new();
    private readonly LinkedList<AsyncRunView> _finished = new();
    private long _nextId;

    public AsyncRunTracker(TimeProvider time) => _time = time;

    /// <summary>Copies the runs going on now, oldest first.</summary>
    /// <returns>The running calls.</returns>
    public IReadOnlyList<AsyncRunView> Running() => _running.Values.OrderBy(static r => r.StartedAt).ToList();

    /// <summary>Copies the last finished runs, newest first.</summary>
    /// <returns>The finished runs.</returns>
    public IReadOnlyList<AsyncRunView> Finished()
    {
        lock (_lock)
        {
            return _finished.Reverse().ToList();
        }
    }

    /// <summary>Runs one attempt through <paramref name="inner"/>, tracking it.</summary>
    public async ValueTask<ToolRunOutcome> RunAsync(IToolWorkRunner inner, ToolWorkItem item, int attempt, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var started = _time.GetTimestamp();
        var run = new AsyncRunView(item.ToolName, item.ToolCallId, item.CallId, item.Key, attempt, _time.GetUtcNow(), null, null, null);
        _running[id] = run;
        ToolRunOutcome? outcome = null;
        try
        {
            var result = await inner.RunAsync(item, attempt, cancellationToken).ConfigureAwait(false);
            outcome = result;
            return result;
        }
        finally
        {
            _running.TryRemove(id, out _);
            var ended = run with
            {
                Status = outcome?.Status.ToString() ?? "Cancelled",
                Error = outcome?.Error,
                Duration = _time.GetElapsedTime(started),
            };
            lock (_lock)
            {
                _finished.AddLast(ended);
                if (_finished.Count > MaxFinished)
                {
                    _finished.RemoveFirst();
                }
            }
        }
    }
}
