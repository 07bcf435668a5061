namespace Flireo.Examples.WebApp.Tests.Support;

/// <summary>Webhook bodies as Flireo sends them; Anna de Vries is a guest the restaurant's seed data knows.</summary>
public static class WebhookBodies
{
    public const string AnnasNumber = "+31612345678";

    public static string ToolCall(string callId, string toolName, string arguments) => Fill("""
        {"message":{"type":"tool-calls","call":{"id":"CALL_ID","type":"inbound_phone_call","status":"in-progress"},
        "phone_number":{"number":"+31850000000","name":"Restaurant line"},"customer":{"number":"CUSTOMER"},
        "tool_call_list":[{"id":"tool-1","type":"function","function":{"name":"TOOL_NAME","arguments":ARGUMENTS}}]}}
        """, callId, AnnasNumber).Replace("TOOL_NAME", toolName, StringComparison.Ordinal).Replace("ARGUMENTS", arguments, StringComparison.Ordinal);

    public static string AssistantRequest(string callId, string? customerNumber) => customerNumber is null
        ? Fill("""{"message":{"type":"assistant-request","call":{"id":"CALL_ID","type":"web_call","status":"ringing"}}}""", callId)
        : Fill("""
            {"message":{"type":"assistant-request","call":{"id":"CALL_ID","type":"inbound_phone_call","status":"ringing"},
            "phone_number":{"number":"+31850000000","name":"Restaurant line"},"customer":{"number":"CUSTOMER"}}}
            """, callId, customerNumber);

    public static string CamelAssistantRequest(string callId, string customerNumber) => Fill("""
        {"message":{"type":"assistant-request","call":{"id":"CALL_ID","type":"inboundPhoneCall","status":"ringing"},
        "phoneNumber":{"number":"+31850000000","name":"Restaurant line"},"customer":{"number":"CUSTOMER"}}}
        """, callId, customerNumber);

    public static string StatusUpdate(string callId, string status, string? error = null) => Fill(error is null
        ? """{"message":{"type":"status-update","call":{"id":"CALL_ID","type":"inbound_phone_call","status":"STATUS"}}}"""
        : """{"message":{"type":"status-update","call":{"id":"CALL_ID","type":"inbound_phone_call","status":"STATUS"},"error":"ERROR"}}""", callId)
        .Replace("STATUS", status, StringComparison.Ordinal).Replace("ERROR", error, StringComparison.Ordinal);

    public static string EndOfCallReport(string callId) => Fill("""
        {"message":{"type":"end-of-call-report","call":{"id":"CALL_ID","type":"inbound_phone_call","status":"ended"},
        "customer":{"number":"CUSTOMER"},"duration_seconds":84,"summary":"Anna booked a table for two on Friday at 19:00.",
        "analysis":{"sentiment":8,"booked":true},"end_reason":"user_hangup","messages":[]}}
        """, callId, AnnasNumber);

    public static string CamelEndOfCallReport(string callId) => Fill("""
        {"message":{"type":"end-of-call-report","call":{"id":"CALL_ID","type":"inboundPhoneCall","status":"ended"},
        "durationSeconds":31,"summary":"Klant vroeg naar openingstijden."}}
        """, callId);

    private static string Fill(string template, string callId, string customerNumber = "")
        => template.Replace("CALL_ID", callId, StringComparison.Ordinal).Replace("CUSTOMER", customerNumber, StringComparison.Ordinal);
}
