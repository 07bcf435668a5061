using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flireo.Tools.DependencyInjection;

/// <summary>Resolves Flireo.Tools' own loggers without registering logging for the application.</summary>
/// <remarks>
/// A library must not register <see cref="ILogger{TCategoryName}"/>: a registration made before the host's
/// <c>AddLogging()</c> would win and silence every logger in the app. When the app has no logging at all,
/// only Flireo.Tools' own services fall back to <see cref="NullLoggerFactory"/>.
/// </remarks>
internal static class FlireoLogging
{
    /// <summary>Gets the app's logger factory, or <see cref="NullLoggerFactory.Instance"/> when none is registered.</summary>
    /// <param name="provider">The service provider.</param>
    /// <returns>The logger factory to create Flireo.Tools' loggers with.</returns>
    internal static ILoggerFactory LoggerFactory(this IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;

    /// <summary>Gets the app's <see cref="ILogger{TCategoryName}"/>, or one from <see cref="LoggerFactory"/> when none is registered.</summary>
    /// <typeparam name="T">The logger's category type.</typeparam>
    /// <param name="provider">The service provider.</param>
    /// <returns>The logger.</returns>
    internal static ILogger<T> Logger<T>(this IServiceProvider provider) =>
        provider.GetService<ILogger<T>>() ?? new Logger<T>(provider.LoggerFactory());

    /// <summary>Creates <typeparamref name="T"/> through the container, passing it a logger from <see cref="Logger{T}"/>.</summary>
    /// <typeparam name="T">The service's implementation type; its constructor takes an <see cref="ILogger{T}"/>.</typeparam>
    /// <param name="provider">The service provider.</param>
    /// <returns>The new instance.</returns>
    internal static T CreateWithLogger<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceProvider provider) where T : class =>
        ActivatorUtilities.CreateInstance<T>(provider, provider.Logger<T>());
}
