namespace Flireo.Tools.Hosting;

/// <summary>Describes the async work queue the server was started with, for the startup log and the readiness check.</summary>
/// <param name="Kind">The back-end.</param>
/// <param name="Location">The full path of the SQLite file, or <see langword="null"/> for the other back-ends.</param>
internal sealed record ServerQueueSetup(ServerQueue Kind, string? Location)
{
    /// <summary>Gets a value indicating whether the queue has a fixed capacity (only the in-memory queue does).</summary>
    public bool IsBounded => Kind == ServerQueue.Memory;
}
