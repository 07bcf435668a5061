using System.Net;
using Flireo.Tools.Testing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Testing.Tests;

public sealed class FlireoTestHostLifetimeTests
{
    public sealed class BrokenTools
    {
        [FlireoTool("bad name!")]
        public string Broken() => "never";
    }

    [Fact]
    public void Create_WithoutAddFlireoTools_ThrowsNamingTheFix()
    {
        var create = () => FlireoTestHost.Create(services => services.AddSingleton(new Probe()));

        create.Should().Throw<InvalidOperationException>().WithMessage("*AddFlireoTools*");
    }

    [Fact]
    public void Create_InvalidTool_ThrowsTheConfigurationException()
    {
        var create = () => FlireoTestHost.Create(services => services.AddFlireoTools().AddTools<BrokenTools>());

        create.Should().Throw<FlireoToolsConfigurationException>().WithMessage("*bad name!*");
    }

    [Fact]
    public void Create_EmptySecret_Throws()
    {
        var create = () => FlireoTestHost.Create(services => services.AddFlireoTools(), o => o.WebhookSecret = string.Empty);

        create.Should().Throw<ArgumentException>().WithMessage("*null for unsigned mode*");
    }

    [Fact]
    public async Task Services_BeforeTheFirstWebhook_AreTheAppsServices()
    {
        var probe = new Probe();
        await using var host = SampleHost.Create(probe);

        host.Services.GetRequiredService<Probe>().Should().BeSameAs(probe);
        host.Services.GetRequiredService<TimeProvider>().GetUtcNow().Should().Be(host.Time.GetUtcNow());
        host.Catalog.Tools.Select(t => t.Name).Should().Contain(["find_dish", "hang", "note_interest"]);
    }

    [Fact]
    public async Task Create_WithConfiguration_PassesTheSettingsToTheRegistrations()
    {
        string? seen = null;
        await using var host = FlireoTestHost.Create(
            (services, configuration) =>
            {
                seen = configuration["Restaurant:Name"];
                services.AddSingleton(new Probe()).AddFlireoTools().AddTools<SampleTools>();
            },
            o => o.Settings["Restaurant:Name"] = "De Gouden Lepel");

        await host.StartAsync();

        seen.Should().Be("De Gouden Lepel");
    }

    [Fact]
    public async Task WebhookPath_OtherPath_IsWhereTheEndpointIsMappedAndPosted()
    {
        await using var host = SampleHost.Create(new Probe(), o => o.WebhookPath = "hooks/flireo");

        var answer = await host.CallToolAsync("count");
        using var old = await host.Client.SendAsync(host.CreateRequest("{}", "/flireo"));

        answer.ResultAs<int>().Should().Be(1);
        old.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsHarmlessAndLaterCallsThrow()
    {
        var host = SampleHost.Create(new Probe());
        await host.CallToolAsync("count");

        await host.DisposeAsync();
        await host.DisposeAsync();
        var call = () => host.CallToolAsync("count");

        await call.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task DisposeAsync_NeverStarted_DisposesCleanly()
    {
        var host = SampleHost.Create(new Probe());

        var dispose = async () => await host.DisposeAsync();

        await dispose.Should().NotThrowAsync();
    }
}
