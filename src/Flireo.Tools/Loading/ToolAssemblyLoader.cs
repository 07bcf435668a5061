using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Flireo.Tools.Loading;

/// <summary>Loads tool assemblies ("plugins") with their own dependencies, the way the self-hosted server and the CLI do.</summary>
/// <remarks>
/// Each plugin gets its own load context: its dependencies come from its folder (per its <c>.deps.json</c>), while
/// Flireo.Tools, Microsoft.Extensions.* and the shared framework come from the host, so a plugin built against its own
/// copy of Flireo.Tools works and two plugins may use different versions of the same third-party package.
/// </remarks>
public static class ToolAssemblyLoader
{
    /// <summary>Loads a tool assembly and finds its tool classes and startup classes.</summary>
    /// <param name="assemblyPath">The path of the tool assembly (.dll).</param>
    /// <returns>The loaded plugin.</returns>
    /// <exception cref="FlireoToolsConfigurationException">The file is missing, is not a .NET assembly, or cannot be loaded; the message says which.</exception>
    [RequiresUnreferencedCode(TrimmingMessages.PluginLoading)]
    [RequiresDynamicCode(TrimmingMessages.PluginLoading)]
    public static ToolPlugin Load(string assemblyPath) => Load(assemblyPath, collectible: false);

    /// <summary>Loads a tool assembly, optionally into a collectible load context that can be unloaded once nothing uses its types.</summary>
    /// <param name="assemblyPath">The path of the tool assembly (.dll).</param>
    /// <param name="collectible">Whether the plugin's load context is collectible (<c>serve --watch</c> swaps generations of a plugin).</param>
    /// <returns>The loaded plugin.</returns>
    /// <exception cref="FlireoToolsConfigurationException">The file is missing, is not a .NET assembly, or cannot be loaded; the message says which.</exception>
    [RequiresUnreferencedCode(TrimmingMessages.PluginLoading)]
    [RequiresDynamicCode(TrimmingMessages.PluginLoading)]
    public static ToolPlugin Load(string assemblyPath, bool collectible)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyPath);
        var path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
        {
            throw new FlireoToolsConfigurationException(Directory.Exists(path)
                ? $"Tool assembly '{assemblyPath}' is a folder; name the .dll inside it."
                : $"Tool assembly '{assemblyPath}' was not found.");
        }

        AssemblyName name;
        try
        {
            name = AssemblyName.GetAssemblyName(path);
        }
        catch (BadImageFormatException)
        {
            throw new FlireoToolsConfigurationException($"'{assemblyPath}' is not a .NET assembly.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FlireoToolsConfigurationException($"Tool assembly '{assemblyPath}' cannot be read: {ex.Message}", ex);
        }

        Assembly assembly;
        try
        {
            assembly = ToolPluginLoadContext.IsShared(name)
                ? Assembly.Load(name)
                : new ToolPluginLoadContext(path, collectible).LoadFromAssemblyPath(path);
        }
        catch (Exception ex) when (ex is FileLoadException or BadImageFormatException or FileNotFoundException)
        {
            throw new FlireoToolsConfigurationException($"Tool assembly '{assemblyPath}' cannot be loaded: {ex.Message}", ex);
        }

        return ToolPlugin.Create(path, assembly);
    }
}
