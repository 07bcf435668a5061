using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Flireo.Tools.SourceGeneration;

/// <summary>Names the tool catalog the source generator wrote for an assembly; written by the generator, not by hand.</summary>
/// <remarks>
/// <c>AddToolsFromAssemblyOf&lt;T&gt;()</c> reads this attribute to take the assembly's tools from the catalog instead of scanning
/// its types (docs/native-aot.md).
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FlireoGeneratedToolCatalogAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="FlireoGeneratedToolCatalogAttribute"/> class.</summary>
    /// <param name="catalogType">The generated <see cref="GeneratedToolCatalog"/> class, with a public parameterless constructor.</param>
    public FlireoGeneratedToolCatalogAttribute([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type catalogType)
    {
        CatalogType = catalogType;
    }

    /// <summary>Gets the generated catalog class.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public Type CatalogType { get; }
}
