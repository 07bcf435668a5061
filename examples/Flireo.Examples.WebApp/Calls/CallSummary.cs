using System.Text.Json;

namespace Flireo.Examples.WebApp.Calls;

/// <summary>Represents what the platform reported about one finished call.</summary>
/// <param name="CallId">The Flireo call id.</param>
/// <param name="CustomerNumber">The caller's number, or <see langword="null"/> for a web call.</param>
/// <param name="Summary">The AI-written summary of the conversation.</param>
/// <param name="Analysis">The structured analysis, when the assistant has an analysis plan.</param>
/// <param name="DurationSeconds">How long the call lasted, in seconds.</param>
/// <param name="EndReason">Why the call ended, when the platform says so.</param>
/// <param name="ReceivedAt">When the report arrived.</param>
internal sealed record CallSummary(
    string CallId,
    string? CustomerNumber,
    string? Summary,
    JsonElement? Analysis,
    double? DurationSeconds,
    string? EndReason,
    DateTimeOffset ReceivedAt);
