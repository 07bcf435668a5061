using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;

namespace Flireo.Tools.Loading;

/// <summary>Loads one plugin's assemblies from its folder, sharing Flireo.Tools and Microsoft.Extensions.* with the host.</summary>
[RequiresUnreferencedCode(TrimmingMessages.PluginLoading)]
[RequiresDynamicCode(TrimmingMessages.PluginLoading)]
internal sealed class ToolPluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    public ToolPluginLoadContext(string assemblyPath, bool collectible)
        : base($"Flireo plugin {Path.GetFileNameWithoutExtension(assemblyPath)}", collectible)
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
    }

    /// <summary>Tells whether an assembly must come from the host so that its types are the same on both sides.</summary>
    public static bool IsShared(AssemblyName name)
    {
        var simple = name.Name ?? string.Empty;
        return simple is "Flireo.Tools" or "Flireo.Tools.AspNetCore" or "Flireo.Tools.Testing"
            || simple.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
            || simple.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
            || simple.StartsWith("System.", StringComparison.Ordinal)
            || simple is "System" or "mscorlib" or "netstandard";
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                // The host does not have it: fall through to the plugin's own copy.
            }
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
