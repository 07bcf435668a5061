using System.Collections.Concurrent;
using System.Threading.Channels;
using Flireo.Tools.Async;

namespace Flireo.Tools.Tests.Async;

/// <summary>A work runner that records every attempt and answers with a test-supplied outcome.</summary>
internal sealed class FakeToolWorkRunner(Func<ToolWorkItem, int, CancellationToken, ValueTask<ToolRunOutcome>> run) : IToolWorkRunner
{
    private readonly ConcurrentQueue<(string Key, int Attempt)> _attempts = new();
    private readonly Channel<(string Key, int Attempt)> _started = Channel.CreateUnbounded<(string Key, int Attempt)>();

    public IReadOnlyList<(string Key, int Attempt)> Attempts => [.. _attempts];

    public static FakeToolWorkRunner Succeeding() =>
        new((_, _, _) => ValueTask.FromResult(new ToolRunOutcome(ToolRunStatus.Succeeded)));

    public static FakeToolWorkRunner Always(ToolRunStatus status) =>
        new((_, _, _) => ValueTask.FromResult(new ToolRunOutcome(status, $"{status} happened")));

    public int RunsOf(string key) => _attempts.Count(a => a.Key == key);

    /// <summary>Waits until the next attempt has started (in start order).</summary>
    public Task<(string Key, int Attempt)> NextAttemptAsync() => _started.Reader.ReadAsync().AsTask().WaitAsync(AsyncTestTimeout.Value);

    public ValueTask<ToolRunOutcome> RunAsync(ToolWorkItem item, int attempt, CancellationToken cancellationToken)
    {
        var label = Label(item);
        _attempts.Enqueue((label, attempt));
        _started.Writer.TryWrite((label, attempt));
        return run(item, attempt, cancellationToken);
    }

    /// <summary>Names a call readably in attempts: <c>call id/tool call id</c> (not <see cref="ToolWorkItem.Key"/>, which also holds the tool and a hash).</summary>
    public static string Label(ToolWorkItem item) => item.CallId is null ? item.ToolCallId : item.CallId + "/" + item.ToolCallId;
}
