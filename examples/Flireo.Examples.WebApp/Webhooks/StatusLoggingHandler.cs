using Flireo.Tools.Webhooks;

namespace Flireo.Examples.WebApp.Webhooks;

/// <summary>Logs every status change of a call; a call that ended with an error is logged as a warning.</summary>
/// <param name="logger">The logger.</param>
internal sealed class StatusLoggingHandler(ILogger<StatusLoggingHandler> logger) : IStatusUpdateHandler
{
    public ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken)
    {
        if (update.Status == "ended-with-error")
        {
            Log.CallEndedWithError(logger, update.Call.Id, update.Error);
        }
        else
        {
            Log.CallStatusChanged(logger, update.Call.Id, update.Status ?? "unknown");
        }

        return ValueTask.CompletedTask;
    }
}
