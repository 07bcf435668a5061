using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Tools.Tests.TestSupport;

/// <summary>A service provider with Flireo.Tools, a fake clock and a recording work queue.</summary>
internal sealed class RouterHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public RouterHost(Action<IFlireoToolsBuilder> tools, Action<FlireoToolsOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSingleton<IToolWorkQueue>(Queue);
        services?.Invoke(collection);
        tools(collection.AddFlireoTools(configure));
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public RecordingWorkQueue Queue { get; } = new();

    public IServiceProvider Services => _provider;

    public ToolRouter Router => _provider.GetRequiredService<ToolRouter>();

    public void Dispose() => _provider.Dispose();
}
