using Microsoft.AspNetCore.Mvc.Testing;

namespace Flireo.Tools.Testing;

/// <summary>Creates a <see cref="FlireoTestHost"/> around an app's own <c>Program</c>.</summary>
public static class FlireoTestHostWebApplicationFactoryExtensions
{
    /// <summary>Creates a test host that runs the app of <paramref name="factory"/> with the test secret and a fake clock, and sends it webhooks.</summary>
    /// <typeparam name="TEntryPoint">A type in the app's entry point assembly, usually <c>Program</c>.</typeparam>
    /// <param name="factory">The factory for the app; the host builds its own configured copy of it and disposes that copy.</param>
    /// <param name="configure">Changes the host options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The host; the app starts on the first webhook.</returns>
    /// <remarks>
    /// The app runs its own <c>Program</c>, so it must call <c>AddFlireoTools</c> and <c>MapFlireoWebhooks</c> itself, at
    /// <see cref="FlireoTestHostOptions.WebhookPath"/>. The host registers <see cref="FlireoTestHost.Time"/> as the app's
    /// <see cref="TimeProvider"/> and replaces its webhook secret with <see cref="FlireoTestHostOptions.WebhookSecret"/>
    /// (with <c>ConfigureTestServices</c>, after the app's own registrations), and adds
    /// <see cref="FlireoTestHostOptions.Settings"/> to its configuration. <see cref="FlireoTestHostOptions.EnvironmentName"/>
    /// does not apply: set the environment with <c>factory.WithWebHostBuilder(…)</c> before calling this.
    /// </remarks>
    public static FlireoTestHost CreateFlireoTestHost<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, Action<FlireoTestHostOptions>? configure = null)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return FlireoTestHost.Create(factory, configure);
    }
}
