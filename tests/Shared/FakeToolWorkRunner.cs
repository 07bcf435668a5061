using System.Collections.Concurrent;
using System.Threading.Channels;
using Flireo.Tools.Async;

namespace Flireo.Tools.Tests.Shared;

/// <summary>Stands in for the core's runner: records every attempt and answers with a given function.</summary>
internal sealed class FakeToolWorkRunner(Func<ToolWorkItem, int, CancellationToken, ValueTask<ToolRunOutcome>> run) : IToolWorkRunner
{
    private readonly Channel<(string Key, int Attempt)> _started = Channel.CreateUnbounded<(string, int)>();
    private readonly ConcurrentQueue<(string Key, int Attempt)> _attempts = new();

    public IReadOnlyList<(string Key, int Attempt)> Attempts => [.. _attempts];

    public static FakeToolWorkRunner Succeeding() => new((_, _, _) => ValueTask.FromResult(new ToolRunOutcome(ToolRunStatus.Succeeded)));

    /// <summary>Answers every attempt with <paramref name="status"/> and <paramref name="error"/> (by default "{status} happened").</summary>
    public static FakeToolWorkRunner Always(ToolRunStatus status, string? error = null)
        => new((_, _, _) => ValueTask.FromResult(new ToolRunOutcome(status, error ?? $"{status} happened")));

    /// <summary>Counts the attempts made for one call, by its <see cref="Label"/>.</summary>
    public int RunsOf(string key) => _attempts.Count(a => a.Key == key);

    /// <summary>Waits until the next attempt has started and returns its key and attempt number.</summary>
    public async Task<(string Key, int Attempt)> NextAttemptAsync() => await _started.Reader.ReadAsync().AsTask().WaitAsync(TestTimeout.Value);

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
