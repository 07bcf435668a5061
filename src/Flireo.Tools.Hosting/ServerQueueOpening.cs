using Flireo.Tools.Async;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Hosting;

/// <summary>Follows the open of the async work store (the SQLite file), which the processor starts in the background after the host started, for the health checks and the exit code.</summary>
/// <param name="services">The app's services; the store is resolved when the open is first asked for.</param>
internal sealed class ServerQueueOpening(IServiceProvider services)
{
    private Task? _task;

    /// <summary>Gets the store's open: completes when the store is open, fails with the reason it cannot be opened.</summary>
    /// <remarks>The store shares one open between its callers, so asking for it here starts nothing the processor did not.</remarks>
    public Task Task => _task ??= services.GetService<IToolWorkLeaseStore>() is { } store ? store.OpenAsync(CancellationToken.None).AsTask() : Task.CompletedTask;

    /// <summary>Gets why the store could not be opened, or <see langword="null"/> while it opens or once it is open.</summary>
    public Exception? Failure => Task is { IsFaulted: true } failed ? failed.Exception.InnerException ?? failed.Exception : null;

    /// <summary>Writes the line the server exits with when the store could not be opened: the file, the reason and the setting that fixes it.</summary>
    /// <param name="queue">The queue the server was started with.</param>
    /// <param name="failure">The reason, from <see cref="Failure"/>.</param>
    /// <returns>The message.</returns>
    public static string Describe(ServerQueueSetup queue, Exception failure)
    {
        if (queue.Kind != ServerQueue.Sqlite)
        {
            return $"Cannot open the async work queue ({queue.Kind}): {failure.Message}";
        }

        // The store's own message names the file; the reason alone is enough next to the server's setting.
        var reason = failure.InnerException?.Message ?? failure.Message;
        return $"Cannot open the SQLite queue file '{queue.Location}': {reason.TrimEnd('.')}. Set Flireo__Server__DataDirectory (Flireo:Server:DataDirectory) to a writable folder on a local disk that is kept across restarts, or move the file away if it is not a Flireo.Tools queue.";
    }
}
