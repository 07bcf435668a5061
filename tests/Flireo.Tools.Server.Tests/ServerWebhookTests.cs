using System.Net;
using System.Text;
using Flireo.Tools.Server.Tests.TestSupport;

namespace Flireo.Tools.Server.Tests;

/// <summary>Starts the real server once with two real plugins and checks signed webhooks, limits, health and logging.</summary>
public sealed class ServerWebhookTests(ServerWebhookTests.RunningServer server) : IClassFixture<ServerWebhookTests.RunningServer>
{
    private const string Secret = "test-secret-3f9a";

    [Fact]
    public async Task Webhook_SignedToolCall_AnswersWithResultFromServiceRegisteredByPluginStartup()
    {
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_greet", "greet", new { name = "Ada" }));

        using var response = await server.Process.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var results = SignedWebhooks.Results(await response.Content.ReadAsStringAsync());
        results.Should().ContainSingle();
        results[0].Id.Should().Be("tc_greet");
        results[0].Error.Should().BeNull();
        results[0].Result!.Value.GetString().Should().Be("Howdy, Ada", "the salutation comes from configuration through the plugin's IFlireoToolsStartup");
    }

    [Fact]
    public async Task Webhook_ToolsOfTwoPluginsWithDifferentHumanizerVersions_BothAnswerWithTheirOwnVersion()
    {
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_2x", "count_in_words", new { number = 3 }), ("tc_3x", "number_words", new { number = 21 }));

        using var response = await server.Process.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var results = SignedWebhooks.Results(await response.Content.ReadAsStringAsync());
        results.Select(r => r.Id).Should().Equal("tc_2x", "tc_3x");
        var older = results[0].Result!.Value;
        var newer = results[1].Result!.Value;
        older.GetProperty("words").GetString().Should().Be("three");
        older.GetProperty("humanizerVersion").GetString().Should().StartWith("2.14.");
        older.GetProperty("loadContext").GetString().Should().Be("Flireo plugin Flireo.TestPlugins.Greetings");
        newer.GetProperty("words").GetString().Should().Be("twenty-one");
        newer.GetProperty("humanizerVersion").GetString().Should().StartWith("3.0.");
        newer.GetProperty("loadContext").GetString().Should().Be("Flireo plugin Flireo.TestPlugins.Numbers");
    }

    [Fact]
    public async Task Webhook_CamelCaseWebhook_AnswersWithCamelCaseIds()
    {
        var body = SignedWebhooks.ToolCalls(snakeCase: false, ("tc_camel", "greet", new { name = "Grace" }));

        using var response = await server.Process.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));

        var answer = await response.Content.ReadAsStringAsync();
        answer.Should().Contain("\"toolCallId\":\"tc_camel\"").And.Contain("Howdy, Grace");
    }

    [Fact]
    public async Task Webhook_UnknownTool_AnswersWithErrorResultNamingTheTool()
    {
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_unknown", "book_flight", new { }));

        using var response = await server.Process.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var results = SignedWebhooks.Results(await response.Content.ReadAsStringAsync());
        results[0].Error.Should().Contain("book_flight");
    }

    [Fact]
    public async Task Webhook_WrongSecret_Returns401()
    {
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_forged", "greet", new { name = "Mallory" }));

        using var response = await server.Process.Client.SendAsync(SignedWebhooks.Post("/flireo", body, "not-the-secret"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Webhook_Unsigned_Returns401()
    {
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_unsigned", "greet", new { name = "Eve" }));

        using var response = await server.Process.Client.SendAsync(SignedWebhooks.Post("/flireo", body, secret: null));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Webhook_BodyOverConfiguredLimit_Returns413()
    {
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_big", "greet", new { name = new string('x', 8 * 1024) }));

        using var request = SignedWebhooks.Post("/flireo", body, Secret);

        // Kestrel closes a connection whose request body it did not read: keep it out of the shared client's pool, or the
        // next test's request can be sent on it as it closes ("the response ended prematurely").
        request.Headers.ConnectionClose = true;
        using var response = await server.Process.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Request_MoreHeadersThanTheLimit_Returns431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        for (var i = 0; i < 60; i++)
        {
            request.Headers.Add($"X-Extra-{i}", "1");
        }

        request.Headers.ConnectionClose = true; // Kestrel closes the connection after a 431; keep it out of the shared pool.
        using var response = await server.Process.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task Responses_NeverCarryAServerHeader()
    {
        using var response = await server.Process.Client.GetAsync("/healthz");

        response.Headers.Server.Should().BeEmpty();
        response.Headers.Contains("Server").Should().BeFalse();
    }

    [Fact]
    public async Task Health_OutsideDevelopmentWithoutHealthDetails_ReadinessShowsTheStatusAlone()
    {
        using var live = await server.Process.Client.GetAsync("/healthz");
        using var ready = await server.Process.Client.GetAsync("/readyz");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("{\"status\":\"Healthy\"}", "counts of tools and unfinished calls are for operators, not anonymous callers");
    }

    [Fact]
    public async Task RequestLog_RefusalLoggedOnceWithItsReason_SuccessesBelowTheDefaultLevel_NeverTheBody()
    {
        var marker = "Zebediah" + Guid.NewGuid().ToString("N")[..8];
        var body = SignedWebhooks.ToolCalls(snakeCase: true, ("tc_logged", "greet", new { name = marker }));
        using var response = await server.Process.Client.SendAsync(SignedWebhooks.Post("/flireo", body, Secret));
        (await response.Content.ReadAsStringAsync()).Should().Contain(marker, "the tool saw the argument");
        using var forged = await server.Process.Client.SendAsync(SignedWebhooks.Post("/flireo", body, "not-the-secret"));
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var line = await server.Process.WaitForLogAsync("with 401: \"The signature does not match.\"", TimeSpan.FromSeconds(30));

        // The answered webhook finished (and would have been logged) before the forged one was sent.
        server.Process.Output.Should().NotContain(l => l.Contains("responded 200", StringComparison.Ordinal), "successful requests are logged at Debug");
        line.Should().NotContain(marker);
        server.Process.Output.Should().NotContain(l => l.Contains(marker, StringComparison.Ordinal), "bodies and arguments are never logged at the default level");
    }

    /// <summary>The server under test: Greetings (Humanizer 2.x, startup service) and Numbers (Humanizer 3.x), a 4 KiB body limit.</summary>
    public sealed class RunningServer : IAsyncLifetime
    {
        public ServerProcess Process { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var plugins = await TestPlugins.GetAsync();
            Process = ServerProcess.Start(
                ["--tools", plugins.Greetings, "--tools", plugins.Numbers],
                new Dictionary<string, string?>
                {
                    ["Flireo__WebhookSecret"] = Secret,
                    ["Flireo__MaxRequestBodySize"] = "4096",
                    ["Greetings__Salutation"] = "Howdy",
                });
            await Process.WaitUntilStartedAsync();
        }

        public async Task DisposeAsync() => await Process.DisposeAsync();
    }
}
