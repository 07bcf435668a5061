using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Flireo.Tools.Invocation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Loading;

/// <summary>Represents a loaded tool assembly: its tool classes and its startup code.</summary>
public sealed class ToolPlugin
{
    internal ToolPlugin(string path, Assembly assembly, IReadOnlyList<Type> toolTypes, IReadOnlyList<Type> startupTypes)
    {
        Path = path;
        Assembly = assembly;
        ToolTypes = toolTypes;
        StartupTypes = startupTypes;
    }

    /// <summary>Gets the full path the assembly was loaded from.</summary>
    public string Path { get; }

    /// <summary>Gets the loaded assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>Gets the classes that declare <see cref="FlireoToolAttribute"/> methods.</summary>
    public IReadOnlyList<Type> ToolTypes { get; }

    /// <summary>Gets the <see cref="IFlireoToolsStartup"/> implementations found in the assembly.</summary>
    public IReadOnlyList<Type> StartupTypes { get; }

    /// <summary>Runs every <see cref="IFlireoToolsStartup"/> of the plugin, unless they already ran on <paramref name="services"/> (for example through <c>AddToolsFromAssembly</c>).</summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <exception cref="FlireoToolsConfigurationException">A startup class could not be created or threw.</exception>
    [RequiresUnreferencedCode(TrimmingMessages.PluginLoading)]
    [RequiresDynamicCode(TrimmingMessages.PluginLoading)]
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ToolStartups.Run(services, configuration, Assembly, StartupTypes, $"plugin '{System.IO.Path.GetFileName(Path)}'");
    }

    [RequiresUnreferencedCode(TrimmingMessages.PluginLoading)]
    [RequiresDynamicCode(TrimmingMessages.PluginLoading)]
    internal static ToolPlugin Create(string path, Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var missing = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
            throw new FlireoToolsConfigurationException($"Plugin '{System.IO.Path.GetFileName(path)}' has types that cannot be loaded: {missing} Deploy every dependency next to the plugin (use 'dotnet publish').", ex);
        }

        var tools = types.Where(t => t is { IsClass: true } && ToolScanner.HasToolMethods(t)).Select(t => t!).OrderBy(t => t.FullName, StringComparer.Ordinal).ToArray();
        return new ToolPlugin(path, assembly, tools, ToolStartups.Find(types));
    }
}
