using System.ComponentModel;
using System.Reflection;

namespace Flireo.Tools.SourceGeneration;

/// <summary>The base of the tool catalog the source generator writes for an assembly; not meant to be derived from by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GeneratedToolCatalog
{
    /// <summary>Initializes a new instance of the <see cref="GeneratedToolCatalog"/> class.</summary>
    /// <param name="tools">The assembly's tools.</param>
    protected GeneratedToolCatalog(IReadOnlyList<GeneratedTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        Tools = tools;
    }

    /// <summary>Gets the assembly's tools, ordered by name.</summary>
    public IReadOnlyList<GeneratedTool> Tools { get; }

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
