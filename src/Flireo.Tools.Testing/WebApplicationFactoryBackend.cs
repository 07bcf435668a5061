using Microsoft.AspNetCore.Mvc.Testing;

namespace Flireo.Tools.Testing;

/// <summary>Runs the user's own app through a <see cref="WebApplicationFactory{TEntryPoint}"/> the host owns.</summary>
/// <typeparam name="TEntryPoint">A type in the app's entry point assembly, usually <c>Program</c>.</typeparam>
internal sealed class WebApplicationFactoryBackend<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory) : ITestHostBackend
    where TEntryPoint : class
{
    public IServiceProvider Services => factory.Services;

    // The factory builds and starts the app on first use of Server.
    public Task<HttpMessageHandler> StartAsync() => Task.FromResult(factory.Server.CreateHandler());

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
