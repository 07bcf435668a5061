using System.Globalization;
using System.Net.Http.Headers;
using Flireo.Tools.Testing;

namespace Flireo.Tools.Reliability.Tests.Support;

/// <summary>Sends exact bytes to a <see cref="FlireoTestHost"/>, signed with its secret and clock; the host's helpers only send text.</summary>
internal static class TestHostExtensions
{
    public static async Task<(int Status, string Body)> SendSignedBytesAsync(this FlireoTestHost host, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/flireo") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add("X-Webhook-Timestamp", timestamp);
        request.Headers.Add("X-Webhook-Signature", SignedWebhooks.Sign(FlireoTestHost.DefaultWebhookSecret, timestamp, body));
        using var response = await host.Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
