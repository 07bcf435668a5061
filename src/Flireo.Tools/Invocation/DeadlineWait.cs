using System.Runtime.CompilerServices;

namespace Flireo.Tools.Invocation;

/// <summary>The awaitable of <see cref="Deadline.WaitAsync"/>: how the wait for a piece of work ended, without exceptions.</summary>
internal readonly struct DeadlineWait
{
    private readonly Task _work;
    private readonly Task _wait;
    private readonly CancellationToken _cancellationToken;

    internal DeadlineWait(Task work, Task wait, CancellationToken cancellationToken)
    {
        _work = work;
        _wait = wait;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Gets the awaiter.</summary>
    /// <returns>The awaiter.</returns>
    public Awaiter GetAwaiter() => new(this);

    /// <summary>Awaits the wait without throwing its timeout or cancellation.</summary>
    public readonly struct Awaiter : ICriticalNotifyCompletion
    {
        private readonly DeadlineWait _owner;
        private readonly ConfiguredTaskAwaitable.ConfiguredTaskAwaiter _inner;

        internal Awaiter(DeadlineWait owner)
        {
            _owner = owner;
            _inner = owner._wait.ConfigureAwait(false).GetAwaiter();
        }

        /// <summary>Gets a value indicating whether the wait has ended.</summary>
        public bool IsCompleted => _inner.IsCompleted;

        /// <inheritdoc />
        public void OnCompleted(Action continuation) => _inner.OnCompleted(continuation);

        /// <inheritdoc />
        public void UnsafeOnCompleted(Action continuation) => _inner.UnsafeOnCompleted(continuation);

        /// <summary>Returns how the wait ended.</summary>
        /// <returns>How the wait ended.</returns>
        public DeadlineEnd GetResult()
        {
            var wait = _owner._wait;

            // The wait's own TimeoutException (or the work's exception it carries) is read so it is never reported as
            // unobserved; the work's outcome is the caller's to read.
            if (wait.IsFaulted)
            {
                _ = wait.Exception;
            }

            if (_owner._work.IsCompleted)
            {
                return DeadlineEnd.Completed;
            }

            return _owner._cancellationToken.IsCancellationRequested ? DeadlineEnd.Aborted : DeadlineEnd.TimedOut;
        }
    }
}
