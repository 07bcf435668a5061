using System.Text.Json;
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

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async Task<HttpResponseMessage> PostSignedAsync(string json)
    {
        using var client = CreateClient();
        using var request = SignedWebhooks.Post("/flireo", json, Secret);
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
