using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Flireo.Tools.Security;

namespace Flireo.Examples.Docs.Tests.Support;

/// <summary>Builds webhook requests signed the way Flireo signs them, for apps that are not under a test host.</summary>
internal static class SignedRequest
{
    public static HttpRequestMessage Create(string path, string json, string secret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        return request;
    }
}
