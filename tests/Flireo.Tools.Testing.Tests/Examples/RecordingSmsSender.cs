using Flireo.Examples.Restaurant.Messaging;

namespace Flireo.Tools.Testing.Tests.Examples;

/// <summary>Keeps the first text message instead of sending it, and lets a test await it.</summary>
public sealed class RecordingSmsSender : ISmsSender
{
    private readonly TaskCompletionSource<(string PhoneNumber, string Text)> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<(string PhoneNumber, string Text)> Sent => _sent.Task;

    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
    {
        _sent.TrySetResult((phoneNumber, text));
        return Task.CompletedTask;
    }
}
