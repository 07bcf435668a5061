namespace Flireo.Tools.Async;

/// <summary>Lists, retries and removes the dead letters of a durable work queue (calls that failed for good).</summary>
public interface IToolWorkDeadLetterStore
{
    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="maxCount">The most entries to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dead letters, at most <paramref name="maxCount"/>.</returns>
    ValueTask<IReadOnlyList<ToolWorkDeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Moves a dead letter back into the queue, so it runs again from attempt 1.</summary>
    /// <param name="key">The call's <see cref="ToolWorkItem.Key"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the dead letter existed and was queued again.</returns>
    ValueTask<bool> RetryDeadLetterAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes a dead letter without running it.</summary>
    /// <param name="key">The call's <see cref="ToolWorkItem.Key"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the dead letter existed and was removed.</returns>
    ValueTask<bool> DeleteDeadLetterAsync(string key, CancellationToken cancellationToken);
}
