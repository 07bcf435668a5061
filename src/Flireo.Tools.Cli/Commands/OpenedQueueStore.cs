using Flireo.Tools.Async;

namespace Flireo.Tools.Cli.Commands;

/// <summary>Represents the dead letters of a durable work queue opened by a <c>queue</c> command, and what to close afterwards.</summary>
/// <param name="Store">The dead letters.</param>
/// <param name="Location">The database file or Redis key prefix, for messages.</param>
/// <param name="Owned">The connection to close, or <see langword="null"/>.</param>
internal sealed record OpenedQueueStore(IToolWorkDeadLetterStore Store, string Location, IAsyncDisposable? Owned) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
