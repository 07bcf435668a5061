namespace Flireo.Tools.Testing.Platform;

/// <summary>Describes one call-control command (<c>POST /calls/{id}/control</c>) a <see cref="FakeFlireoPlatform"/> received.</summary>
public sealed class RecordedCallCommand
{
    /// <summary>Gets the call id from the path.</summary>
    public required string CallId { get; init; }

    /// <summary>Gets the command type: <c>inject-context</c>, <c>say</c>, <c>end-call</c> or <c>transfer</c> (or whatever was sent).</summary>
    public required string? Type { get; init; }

    /// <summary>Gets the <c>content</c> of an <c>inject-context</c> or <c>say</c> command.</summary>
    public string? Content { get; init; }

    /// <summary>Gets the <c>trigger_response</c> flag of an <c>inject-context</c> command.</summary>
    public bool? TriggerResponse { get; init; }

    /// <summary>Gets the <c>end_after</c> flag of a <c>say</c> command.</summary>
    public bool? EndAfter { get; init; }

    /// <summary>Gets the optional <c>message</c> of an <c>end-call</c> or <c>transfer</c> command.</summary>
    public string? Message { get; init; }

    /// <summary>Gets the <c>destination</c> of a <c>transfer</c> command.</summary>
    public string? Destination { get; init; }

    /// <summary>Gets the HTTP request the command came in, with its headers and the status the fake answered.</summary>
    public required RecordedPlatformRequest Request { get; init; }

    /// <summary>Gets a value indicating whether the fake took the command (answered 200).</summary>
    public bool Accepted => Request.StatusCode == 200;
}
