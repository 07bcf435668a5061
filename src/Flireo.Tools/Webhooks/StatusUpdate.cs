namespace Flireo.Tools.Webhooks;

/// <summary>Represents a <c>status-update</c> webhook: the status of a call changed.</summary>
public sealed class StatusUpdate : WebhookEvent
{
    /// <summary>Gets the new call status, for example <c>in-progress</c>, <c>ended</c> or <c>ended-with-error</c>.</summary>
    /// <remarks>Treat it as an open set: the platform may send other values.</remarks>
    public string? Status { get; init; }

    /// <summary>Gets the error description (<c>message.error</c>) sent with <c>ended-with-error</c>.</summary>
    public string? Error { get; init; }

    /// <summary>Gets why the call ended (<c>end_reason</c>), sent by newer platform versions once the call has ended.</summary>
    public string? EndReason { get; init; }
}
