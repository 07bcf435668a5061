namespace Flireo.Tools.Webhooks;

/// <summary>Decides which assistant configuration an inbound call uses; register one with <c>AddAssistantRequestHandler</c>.</summary>
/// <remarks>
/// The handler runs in its own dependency-injection scope under <see cref="FlireoToolsOptions.AssistantRequestTimeout"/>
/// (4.5 seconds by default). When it times out, throws or returns <see langword="null"/>, Flireo is answered with
/// <c>{}</c> (the saved assistant) and the problem is logged; a handler that ignores cancellation is not waited for.
/// </remarks>
public interface IAssistantRequestHandler
{
    /// <summary>Handles an <c>assistant-request</c> webhook.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the time limit is reached or the caller disconnects.</param>
    /// <returns>The answer: <see cref="AssistantResponse.Default"/>, an assistant, a saved assistant with overrides, or a rejection.</returns>
    ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken);
}
