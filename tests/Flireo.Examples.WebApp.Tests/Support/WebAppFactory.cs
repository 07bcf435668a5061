using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Flireo.Tools.Security;
using Flireo.Tools.Tests.Webhooks.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flireo.Examples.WebApp.Tests.Support;

/// <summary>Runs the real web app in memory, as in Production, with a test secret from configuration and captured logs.</summary>
public sealed class WebAppFactory : WebApplicationFactory<Program>
{
    public const string Secret = "web-app-test-secret";

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Builds a POST to <c>/flireo</c> signed the way Flireo signs it.</summary>
    public static HttpRequestMessage Signed(string json, string secret = Secret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/flireo") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        return request;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async Task<HttpResponseMessage> PostSignedAsync(string json)
    {
        using var client = CreateClient();
        using var request = Signed(json);
        return await client.SendAsync(request);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Flireo:WebhookSecret"] = Secret }));
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}
