using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Tests.DependencyInjection;

public class FlireoToolsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddFlireoTools_BindsOptionsFromTheFlireoSectionThenAppliesTheDelegate()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flireo:WebhookSecret"] = "from-config",
            ["Flireo:SyncTimeout"] = "00:00:05",
            ["Flireo:AdditionalWebhookSecrets:0"] = "old",
            ["Flireo:AsyncTools:MaxRetries"] = "7",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        services.AddFlireoTools(o => o.IncludeDetailedErrors = true);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;

        options.WebhookSecret.Should().Be("from-config");
        options.SyncTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.AdditionalWebhookSecrets.Should().Equal("old");
        options.AsyncTools.MaxRetries.Should().Be(7);
        options.IncludeDetailedErrors.Should().BeTrue();
    }

    [Fact]
    public void AddFlireoTools_InvalidOptions_FailWithTheSettingName()
    {
        var services = new ServiceCollection();
        services.AddFlireoTools(o => o.SyncTimeout = TimeSpan.FromMinutes(30));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Flireo:SyncTimeout*");
    }

    [Fact]
    public void AddFlireoTools_BeforeAddLogging_LeavesTheAppsOwnLoggersWriting()
    {
        var services = new ServiceCollection();
        services.AddFlireoTools().AddTools<SampleTools>();
        services.AddLogging(logging => logging.AddFakeLogging());
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILogger<FlireoToolsServiceCollectionExtensionsTests>>().LogWarning("the app's own line");
        provider.GetRequiredService<ToolRouter>().Should().NotBeNull();

        provider.GetFakeLogCollector().GetSnapshot().Select(r => r.Message).Should().Contain("the app's own line");
    }

    [Fact]
    public void AddFlireoTools_WithoutAnyLogging_ResolvesEveryServiceAndRegistersNoNullLogger()
    {
        var services = new ServiceCollection();
        services.AddFlireoTools().AddTools<SampleTools>();
        using var provider = services.BuildServiceProvider();

        var resolved = new object[]
        {
            provider.GetRequiredService<ToolRouter>(),
            provider.GetRequiredService<WebhookDispatcher>(),
            provider.GetServices<IHostedService>().ToArray(),
        };

        resolved.Should().NotContainNulls();
        services.Should().NotContain(d => d.ImplementationType == typeof(NullLogger<>) || d.ImplementationInstance is NullLoggerFactory);
    }

    [Fact]
    public void AddToolsFromAssemblyOf_RegistersToolClassesAsScopedServices()
    {
        var services = new ServiceCollection();

        services.AddFlireoTools().AddToolsFromAssemblyOf<SampleTools>();

        services.Should().Contain(d => d.ServiceType == typeof(SampleTools) && d.Lifetime == ServiceLifetime.Scoped);
    }

    [Fact]
    public void AddToolsFromAssemblyOf_RunsTheAssemblysStartupClassesOnce_WithTheHostConfiguration()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Plugin:Greeting"] = "Hello from configuration";

        builder.Services.AddFlireoTools().AddToolsFromAssemblyOf<SampleTools>();
        builder.Services.AddFlireoTools().AddToolsFromAssembly(typeof(SampleTools).Assembly);
        using var host = builder.Build();

        host.Services.GetServices<Loading.PluginMarker>().Should().ContainSingle("the startup class runs once however often its assembly is scanned")
            .Which.Greeting.Should().Be("Hello from configuration");
    }

    [Fact]
    public void AddToolsFromAssemblyOf_AfterThePluginLoaderRanTheStartup_DoesNotRunItAgain()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Plugin:Greeting", "plugin")]).Build();
        Flireo.Tools.Loading.ToolPlugin.Create("Flireo.Tools.Tests.dll", typeof(SampleTools).Assembly).ConfigureServices(services, configuration);

        services.AddFlireoTools().AddToolsFromAssemblyOf<SampleTools>();

        services.Where(d => d.ServiceType == typeof(Loading.PluginMarker)).Should().ContainSingle()
            .Which.ImplementationInstance.Should().Be(new Loading.PluginMarker("plugin"));
    }

    [Fact]
    public void AddTools_ClassWithoutTools_Throws()
    {
        var act = () => new ServiceCollection().AddFlireoTools().AddTools<string>();

        act.Should().Throw<FlireoToolsConfigurationException>().WithMessage("*System.String: The class has no [FlireoTool] methods*");
    }

    [Fact]
    public async Task HostStart_WithInvalidTools_FailsBeforeTakingTraffic()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFlireoTools().AddTools<Invocation.ToolCatalogTests.BadName>();
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<FlireoToolsConfigurationException>()).Which.Message.Should().Contain("BadName.First");
    }
}
