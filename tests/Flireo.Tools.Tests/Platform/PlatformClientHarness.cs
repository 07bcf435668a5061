using System.Collections.Concurrent;
using Flireo.Tools.Platform;
using Flireo.Tools.Testing.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Tests.Platform;

/// <summary>A fake platform on loopback and the real client pointed at it, with every log line captured at Trace.</summary>
internal sealed class PlatformClientHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private PlatformClientHarness(FakeFlireoPlatform platform, ServiceProvider provider, CapturingLoggerProvider logs)
    {
        Platform = platform;
        _provider = provider;
        Logs = logs;
    }

    public FakeFlireoPlatform Platform { get; }

    public CapturingLoggerProvider Logs { get; }

    public IFlireoCallControl Client => _provider.GetRequiredService<IFlireoCallControl>();

    public IFlireoAssistants Assistants => _provider.GetRequiredService<IFlireoAssistants>();

    public IFlireoToolTemplates ToolTemplates => _provider.GetRequiredService<IFlireoToolTemplates>();

    public static async Task<PlatformClientHarness> StartAsync(Action<FlireoApiOptions>? configure = null, Action<FakeFlireoPlatformOptions>? platformOptions = null, Action<IServiceCollection>? configureServices = null)
    {
        var platform = await FakeFlireoPlatform.StartAsync(platformOptions);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        configureServices?.Invoke(services);
        services.AddFlireoTools(options =>
        {
            options.Api.BaseUrl = platform.BaseUrl;
            options.Api.Key = platform.ApiKey;
            options.Api.RetryDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options.Api);
        });
        return new PlatformClientHarness(platform, services.BuildServiceProvider(), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Platform.DisposeAsync();
    }

    internal sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, int EventId, LogLevel Level, string Message)> _lines = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

        public IReadOnlyList<(string Category, int EventId, LogLevel Level, string Message)> Lines => [.. _lines];

        /// <summary>Waits for a log line with the event id whose message contains the text.</summary>
        public Task WaitForAsync(int eventId, string contains)
        {
            var waiter = _waiters.GetOrAdd($"{eventId}|{contains}", static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (_lines.Any(l => l.EventId == eventId && l.Message.Contains(contains, StringComparison.Ordinal)))
            {
                waiter.TrySetResult();
            }

            return waiter.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        private void Record((string Category, int EventId, LogLevel Level, string Message) line)
        {
            _lines.Enqueue(line);
            foreach (var (key, waiter) in _waiters)
            {
                var split = key.IndexOf('|', StringComparison.Ordinal);
                if (key[..split] == line.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture) && line.Message.Contains(key[(split + 1)..], StringComparison.Ordinal))
                {
                    waiter.TrySetResult();
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Record((category, eventId.Id, logLevel, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
        }
    }
}
