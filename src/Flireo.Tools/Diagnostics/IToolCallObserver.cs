using Flireo.Tools.Protocol;

namespace Flireo.Tools.Diagnostics;

/// <summary>Watches each tool call the router answers, on the call's own async flow (the dashboard's recent calls).</summary>
/// <remarks>
/// Optional, one per app, resolved by the router from the container. <see cref="Routing"/> runs before the call and
/// <see cref="Answered"/> with the outcome the caller receives; the metrics of the call are recorded between the two, on
/// the same flow. Neither may throw or block: they run on the per-call path.
/// </remarks>
internal interface IToolCallObserver
{
    /// <summary>Notes that the router starts on <paramref name="call"/>.</summary>
    /// <param name="message">The message that carries the call; it is disposed after the call.</param>
    /// <param name="call">The tool call.</param>
    /// <returns>A state handed back to <see cref="Answered"/>, or <see langword="null"/>.</returns>
    object? Routing(WebhookMessage message, ToolCallRequest call);

    /// <summary>Notes the outcome the router answers <paramref name="state"/>'s call with.</summary>
    /// <param name="state">What <see cref="Routing"/> returned.</param>
    /// <param name="result">The outcome.</param>
    void Answered(object? state, ToolCallResult result);
}
