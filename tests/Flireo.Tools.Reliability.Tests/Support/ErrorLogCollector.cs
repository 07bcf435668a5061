using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Reliability.Tests.Support;

/// <summary>Collects log entries at Error and above, so a test can show that nothing failed unexpectedly behind a safe answer.</summary>
internal sealed class ErrorLogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Describes an exception on one line: its type, message and where in Flireo.Tools it was thrown.</summary>
    private static string Describe(Exception? exception)
    {
        if (exception is null)
        {
            return string.Empty;
        }

        var frame = exception.StackTrace?.Split('\n').FirstOrDefault(f => f.Contains("Flireo.Tools.", StringComparison.Ordinal))?.Trim();
        var inner = exception.InnerException is { } i ? $" (inner {i.GetType().Name}: {i.Message.ReplaceLineEndings(" ")})" : string.Empty;
        return $" | {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}{inner} | {frame}";
    }

    private sealed class Logger(ErrorLogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._errors.Enqueue($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)}{Describe(exception)}");
            }
        }
    }
}
