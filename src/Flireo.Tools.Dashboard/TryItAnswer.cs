namespace Flireo.Tools.Dashboard;

/// <summary>What the webhook endpoint answered a try-it call.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The response body, as sent.</param>
/// <param name="Request">The webhook body that was sent (headers aside).</param>
/// <param name="Elapsed">How long the endpoint took.</param>
/// <param name="CallId">The call id of the webhook.</param>
/// <param name="ToolCallId">The tool call id.</param>
/// <param name="Signed">Whether the body was signed with the app's webhook secret.</param>
internal sealed record TryItAnswer(int StatusCode, string Body, string Request, TimeSpan Elapsed, string CallId, string ToolCallId, bool Signed);
