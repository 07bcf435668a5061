using Flireo.Tools.Testing;

namespace Flireo.Tools.Reliability.Tests.Support;

/// <summary>Sends exact bytes to a <see cref="FlireoTestHost"/>, signed with its secret and clock; the host's helpers only send text.</summary>
internal static class TestHostExtensions
{
    public static async Task<(int Status, string Body)> SendSignedBytesAsync(this FlireoTestHost host, byte[] body)
    {
        using var request = SignedWebhooks.Post("/flireo", body, FlireoTestHost.DefaultWebhookSecret, host.Time.GetUtcNow());
        using var response = await host.Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
