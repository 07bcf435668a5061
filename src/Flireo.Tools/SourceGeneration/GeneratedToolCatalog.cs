using System.ComponentModel;
using System.Reflection;
using Flireo.Tools.Loading;

namespace Flireo.Tools.SourceGeneration;

/// <summary>The base of the tool catalog the source generator writes for an assembly; not meant to be derived from by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GeneratedToolCatalog
{
    /// <summary>Initializes a new instance of the <see cref="GeneratedToolCatalog"/> class.</summary>
    /// <param name="tools">The assembly's tools.</param>
    protected GeneratedToolCatalog(IReadOnlyList<GeneratedTool> tools)
        : this(tools, [])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="GeneratedToolCatalog"/> class with the assembly's startup classes.</summary>
    /// <param name="tools">The assembly's tools.</param>
    /// <param name="startups">The assembly's public <see cref="IFlireoToolsStartup"/> classes, ordered by full name, each with a factory that creates it.</param>
    protected GeneratedToolCatalog(IReadOnlyList<GeneratedTool> tools, IReadOnlyList<(Type Type, Func<IFlireoToolsStartup> Create)> startups)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(startups);
        Tools = tools;
        Startups = startups;
    }

    /// <summary>Gets the assembly's tools, ordered by name.</summary>
    public IReadOnlyList<GeneratedTool> Tools { get; }

    /// <summary>Gets the assembly's <see cref="IFlireoToolsStartup"/> classes, as scanning the assembly would find them, each with a factory.</summary>
    public IReadOnlyList<(Type Type, Func<IFlireoToolsStartup> Create)> Startups { get; }

    /// <summary>Gets the catalog the source generator wrote for an assembly.</summary>
    /// <param name="assembly">The tool assembly.</param>
    /// <returns>The catalog, or <see langword="null"/> when the assembly was compiled without the generator.</returns>
    public static GeneratedToolCatalog? For(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<FlireoGeneratedToolCatalogAttribute>() is { } attribute
            ? (GeneratedToolCatalog?)Activator.CreateInstance(attribute.CatalogType)
            : null;
    }
}
