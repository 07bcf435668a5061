namespace Flireo.Tools.Benchmarks.Support;

/// <summary>Runs a batch of operations on a thread-pool thread, as a web server runs its requests.</summary>
/// <remarks>
/// The router hands each tool to the thread pool. From BenchmarkDotNet's own thread that would cost a cross-thread
/// wake-up per operation that a server thread does not pay, so every benchmark in a class (the reference included)
/// runs its operations in one batch on the pool; the hop into the batch is shared by <see cref="Size"/> operations.
/// </remarks>
internal static class Batch
{
    public const int Size = 64;

    public static Task RunAsync<TState>(TState state, Func<TState, ValueTask> operation)
        => Task.Run(async () =>
        {
            for (var i = 0; i < Size; i++)
            {
                await operation(state);
            }
        });

    public static Task RunSync<TState>(TState state, Action<TState> operation)
        => Task.Run(() =>
        {
            for (var i = 0; i < Size; i++)
            {
                operation(state);
            }
        });
}
