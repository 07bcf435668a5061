using Flireo.Tools.Protocol;

namespace Flireo.Tools.Benchmarks.Support;

/// <summary>Holds the signed copies of <c>body.json</c> (<see cref="SignedBodies"/>) parsed, as a router receives them, and cycles through them.</summary>
internal sealed class ParsedWebhooks : IDisposable
{
    private readonly WebhookMessage[] _messages;
    private int _next;

    private ParsedWebhooks(WebhookMessage[] messages) => _messages = messages;

    /// <summary>Parses <see cref="SignedBodies.DefaultCount"/> signed copies of <c>body.json</c>.</summary>
    /// <param name="toolName">The tool the calls name instead of <c>lookup_contact</c>, or <see langword="null"/>.</param>
    public static ParsedWebhooks Create(string? toolName = null)
    {
        var bodies = SignedBodies.Create(toolName: toolName);
        var messages = new WebhookMessage[bodies.Bodies.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            if (!WebhookMessage.TryParse(bodies.Bodies[i], out messages[i]!, out var error))
            {
                throw new InvalidOperationException(error);
            }
        }

        return new ParsedWebhooks(messages);
    }

    /// <summary>Gets the next message, each with its own tool call id; safe from several threads.</summary>
    public WebhookMessage Next() => _messages[Interlocked.Increment(ref _next) & (_messages.Length - 1)];

    public void Dispose()
    {
        foreach (var message in _messages)
        {
            message.Dispose();
        }
    }
}
