using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Flireo.Tools.Security;

namespace Flireo.Examples.Docs.WebhookReference;

/// <summary>Signs and sends a tool-calls webhook the way Flireo does, as the webhook reference shows.</summary>
public static class SignedRequest
{
    public static async Task<string> SendAsync(HttpClient client, Uri url, string secret, TimeProvider time)
    {
        #region signed-request
        var body = """{"message":{"type":"tool-calls","tool_call_list":[{"id":"t1","name":"get_opening_hours","arguments":{"day":"Friday"}}]}}""";
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.EventHeader, "tool-calls");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, bytes)); // "sha256=…"
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
        #endregion
    }
}
