using System.Runtime.Loader;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Tests.TestSupport;
using Flireo.Tools;
using Flireo.Tools.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Flireo.Examples.Tests;

public class RestaurantToolsStartupTests
{
    [Fact]
    public async Task LoadedAsPlugin_StartupRegistersWhatTheToolsNeed()
    {
        // What the self-hosted server does with a tool assembly named in its configuration.
        var plugin = ToolAssemblyLoader.Load(typeof(ReservationTools).Assembly.Location);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Restaurant:Name"] = "Plugin Bistro" })
            .Build();
        var services = new ServiceCollection();
        // The test is about registration, not time: with the real clock, get_menu's own 3 s limit ran out on a loaded
        // 2-core machine (first call in the plugin's load context, JIT included) and the answer was a timeout error.
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        plugin.ConfigureServices(services, configuration);
        var tools = services.AddFlireoTools();
        foreach (var type in plugin.ToolTypes)
        {
            tools.AddTools(type);
        }

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        using var message = Webhooks.ToolCall("t1", "get_menu", new { category = "Dessert" });

        var response = await provider.GetRequiredService<ToolRouter>().RouteAsync(message, CancellationToken.None);

        AssemblyLoadContext.GetLoadContext(plugin.Assembly).Should().NotBe(AssemblyLoadContext.Default);
        plugin.StartupTypes.Select(t => t.Name).Should().Equal("RestaurantToolsStartup");
        plugin.ToolTypes.Select(t => t.Name).Should().BeEquivalentTo("ConfirmationSmsTools", "ReservationTools", "RestaurantInfoTools", "StaffTransferTools", "TerraceWeatherTools");
        var dishes = response.Results.Should().ContainSingle().Subject.Result!.Value.EnumerateArray().Select(d => d.GetProperty("name").GetString());
        dishes.Should().Equal("Dame blanche", "Apple pie");
    }
}
