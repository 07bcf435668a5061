using System.Net;
using Flireo.Tools.Testing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Testing.Tests;

public sealed class FlireoTestHostWebApplicationFactoryExtensionsTests(SampleAppFactory factory) : IClassFixture<SampleAppFactory>
{
    private readonly SampleAppFactory _factory = factory;

    [Fact]
    public async Task CreateFlireoTestHost_AppsOwnProgram_CallsItsToolsSignedWithTheTestSecret()
    {
        await using var host = _factory.CreateFlireoTestHost(o => o.WebhookPath = SampleAppFactory.Path);

        var answer = await host.CallToolAsync("find_dish", new { name = "Soep" });

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.ResultAs<Dish>().Name.Should().Be("Soep");
    }

    [Fact]
    public async Task CreateFlireoTestHost_AppsOwnProgram_RunsOnTheFakeClock()
    {
        var start = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
        await using var host = _factory.CreateFlireoTestHost(o =>
        {
            o.WebhookPath = SampleAppFactory.Path;
            o.StartTime = start;
        });

        var pending = host.CallToolAsync("hang");
        await host.WaitForTimerAsync(TimeSpan.FromSeconds(9));
        host.Time.Advance(TimeSpan.FromSeconds(9));
        var answer = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        answer.Error.Should().Be("The tool 'hang' did not answer within 9 seconds.");
        host.Services.GetRequiredService<TimeProvider>().GetUtcNow().Should().Be(start.AddSeconds(9));
        host.Services.GetRequiredService<Probe>().Should().BeSameAs(_factory.Probe);
        _factory.Probe.Release.TrySetResult();
    }

    [Fact]
    public async Task CreateFlireoTestHost_Settings_AreAddedToTheAppsConfiguration()
    {
        await using var host = _factory.CreateFlireoTestHost(o =>
        {
            o.WebhookPath = SampleAppFactory.Path;
            o.Settings["Flireo:SyncTimeout"] = "00:00:06";
        });

        var answer = await host.CallToolAsync("count");
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FlireoToolsOptions>>().Value;

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        options.SyncTimeout.Should().Be(TimeSpan.FromSeconds(6));
        options.WebhookSecret.Should().Be(FlireoTestHost.DefaultWebhookSecret);
    }

    [Fact]
    public async Task CreateFlireoTestHost_AppsOwnProgram_AnswersTheOtherWebhooks()
    {
        await using var host = _factory.CreateFlireoTestHost(o => o.WebhookPath = SampleAppFactory.Path);

        var answer = await host.SendAssistantRequestAsync();

        answer.Response!.Assistant!["first_message"]!.GetValue<string>().Should().Be("Hello +31612345678");
    }

    [Fact]
    public async Task CreateFlireoTestHost_WrongPath_Answers404()
    {
        await using var host = _factory.CreateFlireoTestHost();

        var answer = await host.CallToolAsync("find_dish", new { name = "Soep" });

        answer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        answer.Error.Should().Be("The webhook was rejected with 404 NotFound: Nothing answers at this path; check that FlireoTestHostOptions.WebhookPath matches the app's MapFlireoWebhooks pattern.");
    }
}
