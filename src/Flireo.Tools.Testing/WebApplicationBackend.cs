using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Flireo.Tools.Testing;

/// <summary>Runs a <see cref="WebApplication"/> built by <see cref="FlireoTestHost"/> on a <see cref="TestServer"/>.</summary>
internal sealed class WebApplicationBackend(WebApplication app) : ITestHostBackend
{
    private bool _started;

    public IServiceProvider Services => app.Services;

    public async Task<HttpMessageHandler> StartAsync()
    {
        await app.StartAsync().ConfigureAwait(false);
        _started = true;
        return app.GetTestServer().CreateHandler();
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await app.StopAsync().ConfigureAwait(false);
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }
}
