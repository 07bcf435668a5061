using System.Text.Json.Nodes;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Testing.Tests.Support;

/// <summary>Greets known callers, rejects one number and uses a saved assistant for another.</summary>
public sealed class GreetingHandler : IAssistantRequestHandler
{
    public ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Call.CustomerNumber switch
    {
        "+31600000000" => AssistantResponse.Reject("Sorry, we are closed."),
        "+31600000001" => AssistantResponse.UseSavedAssistant("a-1", new JsonObject { ["first_message"] = "Welcome back" }),
        _ => AssistantResponse.UseAssistant(new JsonObject { ["first_message"] = $"Hello {request.Call.CustomerNumber}" }).WithMaxDuration(TimeSpan.FromMinutes(5)),
    });
}

public sealed class RecordingStatusHandler(Probe probe) : IStatusUpdateHandler
{
    public ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken) => probe.StatusUpdates.Writer.WriteAsync(update, cancellationToken);
}

public sealed class RecordingReportHandler(Probe probe) : IEndOfCallReportHandler
{
    public ValueTask HandleAsync(EndOfCallReport report, CancellationToken cancellationToken) => probe.Reports.Writer.WriteAsync(report, cancellationToken);
}
