namespace Flireo.Tools.Async;

/// <summary>Serves the dead letters of a store registered with <c>AddToolWorkStore</c>, waking the processor when one is queued again.</summary>
/// <param name="store">The store's own dead letters.</param>
/// <param name="signal">The signal of the store's processor.</param>
internal sealed class DurableToolWorkDeadLetters(IToolWorkDeadLetterStore store, ToolWorkSignal signal) : IToolWorkDeadLetterStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ToolWorkDeadLetter>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken) =>
        store.ListDeadLettersAsync(maxCount, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> RetryDeadLetterAsync(string key, CancellationToken cancellationToken)
    {
        var retried = await store.RetryDeadLetterAsync(key, cancellationToken).ConfigureAwait(false);
        if (retried)
        {
            signal.Notify();
        }

        return retried;
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteDeadLetterAsync(string key, CancellationToken cancellationToken) =>
        store.DeleteDeadLetterAsync(key, cancellationToken);
}
