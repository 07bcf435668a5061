namespace Flireo.Tools.AspNetCore.Tests.Support;

/// <summary>Webhook bodies in both casings, as Flireo sends them.</summary>
public static class Bodies
{
    public const string CamelToolCalls = """
        {"message":{"type":"tool-calls","timestamp":"2025-12-13T12:00:00.000Z",
        "call":{"id":"c-1","type":"inboundPhoneCall","status":"in-progress"},
        "phoneNumber":{"number":"+31850835037","name":"Flireo Demo"},"customer":{"number":"+31612345678"},
        "toolCallList":[{"id":"tool_abc123","type":"function","function":{"name":"lookup_contact","arguments":{"query":"Jan de Vries"}}}]}}
        """;

    public const string SnakeToolCalls = """
        {"message":{"type":"tool-calls","call":{"id":"c-2","type":"inbound_phone_call","status":"in-progress"},
        "phone_number":{"id":"p-1","number":"+31850835037","name":"Desk"},"customer":{"number":"+31612345678"},
        "assistant":{"metadata":{"crm_id":"42"}},
        "tool_call_list":[{"id":"tool_1","type":"function","function":{"name":"lookup_contact","arguments":{"query":"Piet"}}},
                          {"id":"tool_2","type":"function","function":{"name":"log_interest","arguments":{"product":"menu"}}}]}}
        """;

    public const string AssistantRequest = """
        {"message":{"type":"assistant-request","timestamp":"2026-03-24T12:00:00.000Z",
        "call":{"id":"c-3","type":"inbound_phone_call","status":"ringing","pipeline":"standard"},
        "phone_number":{"id":"p-1","number":"+31850835037","name":"Desk"},"customer":{"number":"+31612345678"}}}
        """;

    public const string CamelAssistantRequest = """
        {"message":{"type":"assistant-request","call":{"id":"c-4","type":"inboundPhoneCall","status":"ringing"},
        "phoneNumber":{"number":"+31850835037","name":"Demo"},"customer":{"number":"+31612345678"}}}
        """;

    public const string StatusUpdate = """
        {"message":{"type":"status-update","call":{"id":"c-5","type":"inbound_phone_call","status":"ended-with-error"},
        "error":"STT connection failed"}}
        """;

    public const string EndOfCallReport = """
        {"message":{"type":"end-of-call-report","call":{"id":"c-6","type":"inboundPhoneCall","status":"ended"},
        "durationSeconds":84,"summary":"Klant vroeg naar openingstijden.","analysis":{"sentiment":8}}}
        """;

    public static string ToolCall(string toolName, string id = "t-1", string arguments = "{}") => $$$"""
        {"message":{"type":"tool-calls","call":{"id":"c-9","type":"inbound_phone_call","status":"in-progress"},
        "tool_call_list":[{"id":"{{{id}}}","type":"function","function":{"name":"{{{toolName}}}","arguments":{{{arguments}}}}}]}}
        """;
}
