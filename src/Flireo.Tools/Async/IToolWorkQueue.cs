namespace Flireo.Tools.Async;

/// <summary>Accepts acknowledged async tool calls for background execution; replace it for a durable back-end.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A queue is what it is; the name is part of the documented API.")]
public interface IToolWorkQueue
{
    /// <summary>Stores an async tool call so that it runs after the webhook has been acknowledged.</summary>
    /// <param name="item">The call to run.</param>
    /// <param name="cancellationToken">Cancelled when the webhook request is aborted.</param>
    /// <returns>Whether the call was accepted, was a duplicate of one already accepted, or was refused.</returns>
    ValueTask<ToolWorkEnqueueResult> EnqueueAsync(ToolWorkItem item, CancellationToken cancellationToken);
}
