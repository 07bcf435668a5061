using System.Text.Json;

namespace Flireo.Tools.Webhooks;

/// <summary>Represents an <c>end-of-call-report</c> webhook: the call ended and its summary and analysis are ready.</summary>
public sealed class EndOfCallReport : WebhookEvent
{
    /// <summary>Gets the length of the call in seconds (<c>duration_seconds</c>).</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Gets the AI-written summary of the call.</summary>
    public string? Summary { get; init; }

    /// <summary>Gets the structured analysis, shaped by the assistant's analysis plan, when one is configured.</summary>
    public JsonElement? Analysis { get; init; }

    /// <summary>Gets the transcript, in order; empty when the platform sent none.</summary>
    public IReadOnlyList<TranscriptMessage> Messages { get; init; } = [];

    /// <summary>Gets the URL of the call recording (<c>recording_url</c>), when recording is enabled.</summary>
    public string? RecordingUrl { get; init; }

    /// <summary>Gets why the call ended (<c>end_reason</c>), for example <c>user_hangup</c>, sent by newer platform versions.</summary>
    public string? EndReason { get; init; }

    /// <summary>Gets when the call started (<c>started_at</c>), sent by newer platform versions.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the call ended (<c>ended_at</c>), sent by newer platform versions.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets or sets the options <see cref="IEndOfCallReportHandler{TData}"/> binds the analysis with (the app's <see cref="FlireoToolsOptions.SerializerOptions"/>).</summary>
    internal JsonSerializerOptions? DataSerializerOptions { get; set; }
}
