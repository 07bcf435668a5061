namespace Flireo.Tools.Async;

/// <summary>Runs one attempt of an acknowledged async tool call; implemented by the core, used by every queue back-end.</summary>
/// <remarks>
/// <c>AddFlireoTools</c> registers it. A custom <see cref="IToolWorkQueue"/> resolves it to run the calls it stored: it decides
/// when and how often to call it, and keeps the call until an attempt succeeds or fails for good.
/// </remarks>
public interface IToolWorkRunner
{
    /// <summary>Runs the tool once, under the async time limit, and reports how it ended.</summary>
    /// <param name="item">The stored call.</param>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="cancellationToken">Cancelled on forced shutdown.</param>
    /// <returns>How the attempt ended.</returns>
    ValueTask<ToolRunOutcome> RunAsync(ToolWorkItem item, int attempt, CancellationToken cancellationToken);
}
