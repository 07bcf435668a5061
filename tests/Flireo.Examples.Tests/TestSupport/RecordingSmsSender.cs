using System.Collections.Concurrent;
using Flireo.Examples.Restaurant.Messaging;

namespace Flireo.Examples.Tests.TestSupport;

/// <summary>Keeps the text messages instead of sending them.</summary>
internal sealed class RecordingSmsSender : ISmsSender
{
    public ConcurrentQueue<(string PhoneNumber, string Text)> Sent { get; } = new();

    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
    {
        Sent.Enqueue((phoneNumber, text));
        return Task.CompletedTask;
    }
}
