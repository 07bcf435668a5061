using Flireo.Tools.Async;
using Flireo.Tools.Protocol;

namespace Flireo.Tools.Tests.Shared;

internal static class TestItems
{
    public static ToolWorkItem Create(string toolCallId, string toolName = "send_sms", string? callId = "call-1", DateTimeOffset enqueuedAt = default) => new()
    {
        ToolName = toolName,
        ToolCallId = toolCallId,
        CallId = callId,
        ArgumentsJson = """{"phone":"+31612345678","text":"Your table is ready"}""",
        ContextJson = """{"callStatus":"in-progress","message":{"type":"tool-calls","call":{"id":"call-1"}}}""",
        Casing = WebhookCasing.SnakeCase,
        EnqueuedAt = enqueuedAt == default ? new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero) : enqueuedAt,
    };
}
