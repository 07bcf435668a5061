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

    /// <summary>Runs every <see cref="IFlireoToolsStartup"/> of the plugin.</summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <exception cref="FlireoToolsConfigurationException">A startup class could not be created or threw.</exception>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var type in StartupTypes)
        {
            try
            {
                ((IFlireoToolsStartup)Activator.CreateInstance(type)!).ConfigureServices(services, configuration);
            }
            catch (Exception ex) when (ex is not FlireoToolsConfigurationException)
            {
                var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                throw new FlireoToolsConfigurationException($"The startup class {type.FullName} of plugin '{System.IO.Path.GetFileName(Path)}' failed: {cause.Message}", cause);
            }
        }
    }

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
        var startups = types
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IFlireoToolsStartup).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => t!)
            .ToArray();
        return new ToolPlugin(path, assembly, tools, startups);
    }
}
