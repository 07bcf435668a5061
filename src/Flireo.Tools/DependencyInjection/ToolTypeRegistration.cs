using System.Diagnostics.CodeAnalysis;
using Flireo.Tools.SourceGeneration;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.DependencyInjection;

/// <summary>Records one tool class registered through the builder; the catalog is built from all of them.</summary>
internal sealed record ToolTypeRegistration(Type Type)
{
    /// <summary>The problem of a class registered on its own that declares no tool.</summary>
    public const string NoToolMethods = "The class has no [FlireoTool] methods. Mark at least one public method with [FlireoTool] or do not register the class.";

    /// <summary>Registers a tool class once: its record, its assembly's generated catalog (read once per assembly) and, for an instance class, a scoped service.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="type">The tool class.</param>
    /// <param name="addService">Whether an instance class is registered as a scoped service.</param>
    /// <param name="catalog">Gets the generated catalog of the class's assembly, or <see langword="null"/>.</param>
    public static void Add(
        IServiceCollection services,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type type,
        bool addService,
        Func<GeneratedToolCatalog?> catalog)
    {
        if (services.Any(d => d.ServiceType == typeof(ToolTypeRegistration) && d.ImplementationInstance is ToolTypeRegistration r && r.Type == type))
        {
            return;
        }

        services.AddSingleton(new ToolTypeRegistration(type));

        // The catalog the source generator wrote for the class's assembly serves its settings and schemas, unless
        // FlireoToolsOptions.UseGeneratedToolCatalog is off.
        if (!services.Any(d => d.ImplementationInstance is GeneratedCatalogRegistration r && r.Assembly == type.Assembly)
            && catalog() is { } generated)
        {
            services.AddSingleton(new GeneratedCatalogRegistration(type.Assembly, generated));
        }

        if (addService && !type.IsAbstract && !services.Any(d => d.ServiceType == type))
        {
            services.AddScoped(type);
        }
    }
}

/// <summary>Records the source-generated catalog of a tool assembly registered through the builder.</summary>
internal sealed record GeneratedCatalogRegistration(System.Reflection.Assembly Assembly, GeneratedToolCatalog Catalog);
