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

        public IReadOnlyList<(string Category, int EventId, LogLevel Level, string Message)> Lines => [.. _lines];

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
                owner._lines.Enqueue((category, eventId.Id, logLevel, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
        }
    }
}
