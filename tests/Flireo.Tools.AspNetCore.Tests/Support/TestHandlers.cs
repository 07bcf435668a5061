using System.Text.Json.Nodes;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.AspNetCore.Tests.Support;

public sealed class GreetingHandler(TestProbe probe) : IAssistantRequestHandler
{
    public async ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken)
    {
        await probe.AssistantRequests.Writer.WriteAsync(request, cancellationToken);
        return request.Call.CustomerNumber == "+31600000000"
            ? AssistantResponse.Reject("Sorry, we zijn gesloten.")
            : AssistantResponse.UseAssistant(new JsonObject { ["first_message"] = $"Hallo {request.Call.CustomerNumber}" }).WithMaxDuration(TimeSpan.FromMinutes(5));
    }
}

public sealed class SavedAssistantHandler : IAssistantRequestHandler
{
    public ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken)
        => ValueTask.FromResult(AssistantResponse.UseSavedAssistant("a-1", new JsonObject { ["first_message"] = "Goedemorgen" }));
}

public sealed class StubbornAssistantHandler(TestProbe probe) : IAssistantRequestHandler
{
    public async ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken)
    {
        probe.Token.TrySetResult(cancellationToken);
        probe.Started.TrySetResult();
        await probe.Release.Task;
        return AssistantResponse.Reject("too late");
    }
}

public sealed class ThrowingAssistantHandler : IAssistantRequestHandler
{
    public ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken)
        => throw new InvalidOperationException("connection string Server=db;Password=hunter2");
}

public sealed class RecordingStatusHandler(TestProbe probe) : IStatusUpdateHandler
{
    public ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken) => probe.StatusUpdates.Writer.WriteAsync(update, cancellationToken);
}

public sealed class StubbornStatusHandler(TestProbe probe) : IStatusUpdateHandler
{
    public async ValueTask HandleAsync(StatusUpdate update, CancellationToken cancellationToken)
    {
        probe.Started.TrySetResult();
        await probe.Release.Task;
    }
}

public sealed class RecordingReportHandler(TestProbe probe) : IEndOfCallReportHandler
{
    public ValueTask HandleAsync(EndOfCallReport report, CancellationToken cancellationToken) => probe.Reports.Writer.WriteAsync(report, cancellationToken);
}

public sealed class FailingReportHandler : IEndOfCallReportHandler
{
    public ValueTask HandleAsync(EndOfCallReport report, CancellationToken cancellationToken) => throw new InvalidOperationException("CRM down");
}
