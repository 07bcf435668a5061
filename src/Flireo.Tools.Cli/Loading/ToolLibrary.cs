using Flireo.Tools.Loading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Tools.Cli.Loading;

/// <summary>Represents a loaded tool assembly with its services registered exactly the way the self-hosted server registers them.</summary>
/// <remarks>
/// The plugin's <see cref="IFlireoToolsStartup"/> classes run first, then <c>AddFlireoTools().AddPlugin(…)</c>; the
/// catalog is resolved from the built provider, so services are not mistaken for model parameters and the plugin's
/// <see cref="FlireoToolsOptions.SerializerOptions"/> shape the schemas, as they do when the server serves them.
/// </remarks>
internal sealed class ToolLibrary : IAsyncDisposable
{
    private ToolLibrary(ToolPlugin plugin, ServiceProvider services)
    {
        Plugin = plugin;
        Services = services;
    }

    /// <summary>Gets the loaded plugin.</summary>
    public ToolPlugin Plugin { get; }

    /// <summary>Gets the services of the plugin and of Flireo.Tools.</summary>
    public ServiceProvider Services { get; }

    /// <summary>Gets the file name of the assembly, for messages.</summary>
    public string FileName => Path.GetFileName(Plugin.Path);

    /// <summary>Gets the Flireo.Tools options after configuration and the plugin's own changes.</summary>
    /// <exception cref="CliException">The options are invalid (for example a bad <c>Flireo__SyncTimeout</c>).</exception>
    public FlireoToolsOptions Options
    {
        get
        {
            try
            {
                return Services.GetRequiredService<IOptions<FlireoToolsOptions>>().Value;
            }
            catch (OptionsValidationException ex)
            {
                throw InvalidOptions(ex);
            }
        }
    }

    /// <summary>Gets the message for an assembly without tools.</summary>
    public string NoToolsMessage => $"'{FileName}' has no tools: no method is marked [FlireoTool].";

    /// <summary>Loads a tool assembly and registers its services.</summary>
    /// <param name="assemblyPath">The tool assembly.</param>
    /// <param name="environment">Supplies the environment variables that become the plugin's configuration.</param>
    /// <returns>The loaded library.</returns>
    /// <exception cref="FlireoToolsConfigurationException">The file is missing, not a .NET assembly, or its startup code failed.</exception>
    public static ToolLibrary Load(string assemblyPath, CliEnvironment environment)
    {
        var plugin = ToolAssemblyLoader.Load(assemblyPath);
        var configuration = BuildConfiguration(environment);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        plugin.ConfigureServices(services, configuration);
        services.AddFlireoTools().AddPlugin(plugin);
        return new ToolLibrary(plugin, services.BuildServiceProvider());
    }

    /// <summary>Builds the catalog the server would serve.</summary>
    /// <returns>The catalog, ordered by tool name.</returns>
    /// <exception cref="FlireoToolsConfigurationException">A tool is invalid; the exception lists every problem.</exception>
    /// <exception cref="CliException">The assembly declares no tools.</exception>
    public ToolCatalog GetCatalog()
    {
        if (Plugin.ToolTypes.Count == 0)
        {
            throw new CliException(NoToolsMessage);
        }

        try
        {
            return Services.GetRequiredService<ToolCatalog>();
        }
        catch (OptionsValidationException ex)
        {
            throw InvalidOptions(ex);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Services.DisposeAsync();

    private static CliException InvalidOptions(OptionsValidationException exception)
        => new($"The Flireo options are invalid: {string.Join(" ", exception.Failures)}", exception);

    private static IConfigurationRoot BuildConfiguration(CliEnvironment environment)
    {
        // The environment variables as the server reads them (Flireo__SyncTimeout is Flireo:SyncTimeout), taken from
        // the environment object so that tests control them.
        var values = environment.Variables.Select(pair => new KeyValuePair<string, string?>(pair.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), pair.Value));
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
