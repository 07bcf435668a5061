using Microsoft.Extensions.Logging;

namespace Flireo.Tools.Async;

/// <summary>Runs two steps of the <see cref="DurableToolWorkProcessor"/>: one attempt of a call, and the wait of the drain on stop.</summary>
internal static class ToolWorkExecution
{
    /// <summary>Runs one attempt of a call, logging its start (and its arguments at Trace on the first attempt).</summary>
    /// <param name="runner">The runner that invokes the tool.</param>
    /// <param name="item">The call.</param>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="logger">The processor's logger.</param>
    /// <param name="abortToken">Cancelled when the shutdown gives up on running attempts.</param>
    /// <returns>The runner's outcome, or an <see cref="ToolRunStatus.Exception"/> outcome when the runner threw.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="abortToken"/> was cancelled during the attempt.</exception>
    internal static async ValueTask<ToolRunOutcome> RunAttemptAsync(IToolWorkRunner runner, ToolWorkItem item, int attempt, ILogger logger, CancellationToken abortToken)
    {
        ToolWorkLog.AttemptStarting(logger, item.ToolName, item.ToolCallId, attempt);
        if (attempt == 1)
        {
            ToolWorkLog.WorkItemArgumentsSensitive(logger, item.ToolName, item.ToolCallId, item.ArgumentsJson);
        }

        try
        {
            return await runner.RunAsync(item, attempt, abortToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abortToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            ToolWorkLog.RunnerThrew(logger, exception, item.ToolName, item.ToolCallId, attempt);
            return new ToolRunOutcome(ToolRunStatus.Exception, exception.Message);
        }
    }

    /// <summary>Waits up to the drain timeout for the processor's work to finish, logging when it did.</summary>
    /// <param name="execute">The processor's running <c>ExecuteAsync</c> task.</param>
    /// <param name="drainTimeout">How long to wait.</param>
    /// <param name="timeProvider">The clock of the wait.</param>
    /// <param name="logger">The processor's logger.</param>
    /// <param name="cancellationToken">The host's stop token: cancelled, the wait ends early.</param>
    /// <returns><see langword="true"/> when the work finished (logged as drained); <see langword="false"/> when the caller must abort it.</returns>
    internal static async Task<bool> DrainAsync(Task execute, TimeSpan drainTimeout, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await execute.WaitAsync(drainTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
        }

        if (!execute.IsCompleted)
        {
            return false;
        }

        ToolWorkLog.Drained(logger);
        return true;
    }
}
