namespace Flireo.Tools.Async;

/// <summary>Specifies what happened to an async tool call offered to an <see cref="IToolWorkQueue"/>.</summary>
public enum ToolWorkEnqueueResult
{
    /// <summary>The call was stored and will run.</summary>
    Accepted = 0,

    /// <summary>A call with the same call id and tool call id was accepted before; it is not run again.</summary>
    Duplicate = 1,

    /// <summary>The queue is full or shutting down; the call was not accepted and is answered with an error.</summary>
    Rejected = 2,
}
