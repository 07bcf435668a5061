using System.Net;

namespace Flireo.Tools.Testing;

/// <summary>Represents the answer to a tool-calls webhook: the HTTP status and one normalised outcome per tool call.</summary>
public sealed class ToolCallsAnswer : WebhookAnswer
{
    internal ToolCallsAnswer(HttpStatusCode statusCode, string body, IReadOnlyList<string> toolCallIds)
        : base(statusCode, body)
    {
        ToolCallIds = toolCallIds;
        Results = IsSuccessStatusCode ? ToolResponse.Parse(body, toolCallIds) : [];
    }

    /// <summary>Gets the ids of the tool calls the webhook carried, in request order.</summary>
    public IReadOnlyList<string> ToolCallIds { get; }

    /// <summary>Gets one outcome per tool call, in request order, read from the body with <see cref="ToolResponse.Parse(string, IReadOnlyList{string})"/>.</summary>
    /// <remarks>
    /// Any of Flireo's four answer formats is normalised, so a test reads a result or an error per call whatever shape
    /// the endpoint wrote. Empty when the endpoint rejected the webhook; see <see cref="WebhookAnswer.RejectionReason"/>.
    /// </remarks>
    public IReadOnlyList<ToolCallResult> Results { get; }
}
