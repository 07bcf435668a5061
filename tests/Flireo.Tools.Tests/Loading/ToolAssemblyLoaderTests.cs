using System.Runtime.Loader;
using Flireo.Tools.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Loading;

public sealed class PluginStartup : IFlireoToolsStartup
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
        => services.AddSingleton(new PluginMarker(configuration["Plugin:Greeting"] ?? "none"));
}

public sealed record PluginMarker(string Greeting);

public class ToolAssemblyLoaderTests
{
    [Fact]
    public void Load_MissingFile_ThrowsOneLineMessage()
    {
        var act = () => ToolAssemblyLoader.Load("/nonexistent/Tools.dll");

        act.Should().Throw<FlireoToolsConfigurationException>().WithMessage("Tool assembly '/nonexistent/Tools.dll' was not found.");
    }

    [Fact]
    public void Load_Folder_SaysToNameTheDll()
    {
        var act = () => ToolAssemblyLoader.Load(AppContext.BaseDirectory);

        act.Should().Throw<FlireoToolsConfigurationException>().WithMessage("*is a folder; name the .dll inside it.");
    }

    [Fact]
    public void Load_NotADotNetAssembly_Throws()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-dotnet-{Guid.NewGuid():N}.dll");
        File.WriteAllText(path, "this is text");

        try
        {
            var act = () => ToolAssemblyLoader.Load(path);

            act.Should().Throw<FlireoToolsConfigurationException>().WithMessage($"'{path}' is not a .NET assembly.");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_ToolAssembly_LoadsInItsOwnContextAndSharesFlireoTools()
    {
        var plugin = ToolAssemblyLoader.Load(typeof(ToolAssemblyLoaderTests).Assembly.Location);

        AssemblyLoadContext.GetLoadContext(plugin.Assembly).Should().NotBe(AssemblyLoadContext.Default);
        plugin.ToolTypes.Select(t => t.Name).Should().Contain(["SampleTools", "SlowTools"]);
        plugin.StartupTypes.Select(t => t.Name).Should().Equal("PluginStartup");
        var catalog = ToolCatalog.Create(plugin.ToolTypes.Where(t => t.Name == "SampleTools"));
        catalog.TryGetTool("greet", out _).Should().BeTrue();
    }

    [Fact]
    public void ConfigureServices_RunsThePluginStartupWithConfiguration()
    {
        var plugin = ToolAssemblyLoader.Load(typeof(ToolAssemblyLoaderTests).Assembly.Location);
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Plugin:Greeting"] = "hi" }).Build();

        plugin.ConfigureServices(services, configuration);

        var registered = services.Where(d => d.ServiceType.Name == nameof(PluginMarker)).Should().ContainSingle().Subject.ImplementationInstance!;
        registered.GetType().GetProperty("Greeting")!.GetValue(registered).Should().Be("hi");
        registered.GetType().Should().NotBe<PluginMarker>("the plugin's own copy of the type is used");
    }
}
