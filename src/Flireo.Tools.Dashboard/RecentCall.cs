namespace Flireo.Tools.Dashboard;

/// <summary>One tool call the router answered, as the recent-calls page shows it; filled on the call's own flow.</summary>
internal sealed class RecentCall
{
    public RecentCall(RecentCallRecorder owner, DateTimeOffset at, long started, string? callId, string toolCallId, string toolName, string? arguments)
    {
        Owner = owner;
        At = at;
        Started = started;
        CallId = callId;
        ToolCallId = toolCallId;
        ToolName = toolName;
        Arguments = arguments;
    }

    /// <summary>Gets the recorder the call belongs to (the meter is process-wide; the call's flow tells whose it is).</summary>
    public RecentCallRecorder Owner { get; }

    /// <summary>Gets when the router started on the call.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Gets the timestamp the duration is measured from.</summary>
    public long Started { get; }

    public string? CallId { get; }

    public string ToolCallId { get; }

    public string ToolName { get; }

    /// <summary>Gets the arguments as JSON text, or <see langword="null"/> when payloads are not kept.</summary>
    public string? Arguments { get; }

    /// <summary>Gets or sets the outcome tag of the router's <c>flireo.tools.calls</c> counter (such as <c>Succeeded</c> or <c>timeout</c>).</summary>
    public string? Detail { get; set; }

    /// <summary>Gets or sets a value indicating whether the router answered with the stored outcome of an earlier identical call.</summary>
    public bool Duplicate { get; set; }

    /// <summary>Gets or sets a value indicating whether the tool of a timed-out call finished after its deadline.</summary>
    public bool Late { get; set; }

    /// <summary>Gets or sets how long the call took, from the router's <c>flireo.tools.call.duration</c> or measured here.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Gets or sets a value indicating whether the answer was an error.</summary>
    public bool IsError { get; set; }

    /// <summary>Gets or sets the result or error text, or <see langword="null"/> when payloads are not kept.</summary>
    public string? Result { get; set; }

    /// <summary>Gets the outcome shown: ok, error, timeout, late or duplicate.</summary>
    public string Outcome => Duplicate ? "duplicate"
        : Late ? "late"
        : Detail is "timeout" ? "timeout"
        : IsError ? "error"
        : "ok";
}
