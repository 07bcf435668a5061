namespace Flireo.Tools.Webhooks;

/// <summary>Reacts to <c>status-update</c> webhooks; register any number with <c>AddStatusUpdateHandler</c>.</summary>
/// <remarks>
/// Flireo is answered at once; each handler then runs in the background in its own dependency-injection scope under
/// <see cref="FlireoToolsOptions.EventHandlerTimeout"/>. Failures are logged and not retried.
/// </remarks>
public interface IStatusUpdateHandler
{
    /// <summary>Handles a <c>status-update</c> webhook.</summary>
    /// <param name="update">The status update.</param>
    /// <param name="cancellationToken">Cancelled when the time limit is reached or the host shuts down.</param>
    /// <returns>A task that completes when the update has been handled.</returns>
    ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken);
}
