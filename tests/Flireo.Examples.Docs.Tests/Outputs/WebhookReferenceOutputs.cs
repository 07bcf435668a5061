using Flireo.Examples.Docs.GettingStarted;
using Flireo.Examples.Docs.Tests.Support;
using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/webhook-reference.md shows: a request with both tool call item shapes and the answer the endpoint writes.</summary>
internal static class WebhookReferenceOutputs
{
    // A nested item with object arguments, a flat item with string arguments, bad arguments and an unknown tool.
    private const string Request = """
        {"message":{"type":"tool-calls","call":{"id":"call-1","type":"inbound_phone_call","status":"in-progress"},"customer":{"number":"+31612345678"},"tool_call_list":[
          {"id":"tool_1","type":"function","function":{"name":"get_opening_hours","arguments":{"day":"Friday"}}},
          {"id":"tool_2","name":"get_opening_hours","arguments":"{\"day\": \"Saturday\"}"},
          {"id":"tool_3","type":"function","function":{"name":"get_opening_hours","arguments":{"day":"Funday"}}},
          {"id":"tool_4","type":"function","function":{"name":"get_prices","arguments":{}}}]}}
        """;

    [DocOutput("webhook-reference-request")]
    public static string RequestBody() => Json.Pretty(Request);

    [DocOutput("webhook-reference-answer")]
    public static async Task<string> Answer()
    {
        await using var host = FlireoTestHost.Create(services => services.AddFlireoTools().AddTools<OpeningHoursTools>());
        using var request = host.CreateRequest(Request);
        using var response = await host.Client.SendAsync(request);

        // The bytes as sent, one result per line: relaxed escaping keeps ' and + as they are.
        var body = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType}\n" + body.Replace("},{\"tool_call_id\"", "},\n {\"tool_call_id\"", StringComparison.Ordinal);
    }

    [DocOutput("webhook-reference-signed-request")]
    public static async Task<string> SignedRequestAnswer()
    {
        await using var host = FlireoTestHost.Create(services => services.AddFlireoTools().AddTools<OpeningHoursTools>());
        return await Flireo.Examples.Docs.WebhookReference.SignedRequest.SendAsync(host.Client, new Uri(host.Client.BaseAddress!, "/flireo"), FlireoTestHost.DefaultWebhookSecret, host.Time);
    }
}
