namespace Flireo.Tools.Webhooks;

/// <summary>Lists the registered status-update and end-of-call-report handler types, in registration order.</summary>
internal sealed class WebhookHandlerOptions
{
    public List<Type> StatusUpdateHandlers { get; } = [];

    public List<Type> EndOfCallReportHandlers { get; } = [];
}
