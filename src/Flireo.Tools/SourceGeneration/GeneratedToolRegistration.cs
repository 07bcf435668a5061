using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Flireo.Tools.DependencyInjection;
using Flireo.Tools.Loading;

namespace Flireo.Tools.SourceGeneration;

/// <summary>Registers an assembly's tools from its generated catalog, without scanning; called by generated code, not by hand.</summary>
/// <remarks>
/// In a trimmed or Native AOT app the source generator intercepts <c>AddToolsFromAssemblyOf&lt;T&gt;()</c> when
/// <c>T</c>'s assembly has a generated catalog and calls this instead (docs/native-aot.md). It registers what the
/// reflection scan registers for that assembly: the catalog's tool classes (instance classes as scoped services) and its
/// <see cref="IFlireoToolsStartup"/> classes, which run here once per service collection.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedToolRegistration
{
    /// <summary>Adds the tools and runs the startup classes the generated catalog of an assembly lists.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="assembly">The tool assembly, compiled with the Flireo.Tools source generator.</param>
    /// <returns>The same builder instance.</returns>
    /// <exception cref="FlireoToolsConfigurationException">The assembly has no generated catalog, or a startup class could not be created or threw.</exception>
    public static IFlireoToolsBuilder AddToolsFromAssembly(IFlireoToolsBuilder builder, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(assembly);
        var catalog = GeneratedToolCatalog.For(assembly)
            ?? throw new FlireoToolsConfigurationException($"Assembly '{assembly.GetName().Name}' has no generated tool catalog, so its tools cannot be registered without scanning. Compile it with the Flireo.Tools source generator (it comes with the Flireo.Tools package).");
        ToolStartups.Run(builder.Services, ToolStartups.ConfigurationOf(builder.Services), assembly, catalog.Startups, $"assembly '{assembly.GetName().Name}'");
        foreach (var tool in catalog.Tools)
        {
            ToolTypeRegistration.Add(builder.Services, tool.ToolType, addService: true, () => catalog);
        }

        return builder;
    }

    /// <summary>Adds one tool class the generated catalog of its assembly lists; an instance class is registered as a scoped service.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="toolType">The class declaring <see cref="FlireoToolAttribute"/> methods, in an assembly compiled with the source generator.</param>
    /// <returns>The same builder instance.</returns>
    /// <exception cref="FlireoToolsConfigurationException">The generated catalog of the class's assembly lists no tool of the class.</exception>
    public static IFlireoToolsBuilder AddTools(IFlireoToolsBuilder builder, [DynamicallyAccessedMembers(GeneratedTool.ToolTypeMembers)] Type toolType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(toolType);
        var catalog = GeneratedToolCatalog.For(toolType.Assembly);
        if (catalog is null || !catalog.Tools.Any(t => t.ToolType == toolType))
        {
            throw new FlireoToolsConfigurationException([new ToolProblem(toolType, null, ToolTypeRegistration.NoToolMethods)]);
        }

        ToolTypeRegistration.Add(builder.Services, toolType, addService: true, () => catalog);
        return builder;
    }
}
