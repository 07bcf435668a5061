using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Tests.Shared;

/// <summary>Records log events of a host and lets a test wait for one by event id.</summary>
internal sealed class LogProbe : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, LogLevel Level, string Message)> _events = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiters = new();

    public IReadOnlyList<(int EventId, LogLevel Level, string Message)> Events => [.. _events];

    public Task WaitForAsync(int eventId) =>
        _waiters.GetOrAdd(eventId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TestTimeout.Value);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private void Record(int eventId, LogLevel level, string message)
    {
        _events.Enqueue((eventId, level, message));
        _waiters.GetOrAdd(eventId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class Logger(LogProbe probe) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            probe.Record(eventId.Id, logLevel, formatter(state, exception));
    }
}
