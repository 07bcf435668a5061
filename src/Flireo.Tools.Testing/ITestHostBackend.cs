namespace Flireo.Tools.Testing;

/// <summary>Runs the app behind a <see cref="FlireoTestHost"/>: one built from service registrations, or the user's own <c>Program</c>.</summary>
internal interface ITestHostBackend : IAsyncDisposable
{
    /// <summary>Gets the app's services.</summary>
    IServiceProvider Services { get; }

    /// <summary>Starts the app and returns a handler that sends requests to it in memory.</summary>
    /// <returns>The handler.</returns>
    Task<HttpMessageHandler> StartAsync();
}
