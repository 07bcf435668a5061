using System.Reflection;
using Flireo.Tools;
using Flireo.Tools.DependencyInjection;
using Flireo.Tools.Invocation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers tool classes on an <see cref="IFlireoToolsBuilder"/>.</summary>
public static class FlireoToolsBuilderExtensions
{
    /// <summary>Adds every class with <see cref="FlireoToolAttribute"/> methods in the assembly that declares <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">Any type of the assembly to scan.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder instance.</returns>
    public static IFlireoToolsBuilder AddToolsFromAssemblyOf<T>(this IFlireoToolsBuilder builder) => builder.AddToolsFromAssembly(typeof(T).Assembly);

    /// <summary>Adds every class with <see cref="FlireoToolAttribute"/> methods in an assembly; instance tool classes are registered as scoped services.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="assembly">The assembly to scan.</param>
    /// <returns>The same builder instance.</returns>
    public static IFlireoToolsBuilder AddToolsFromAssembly(this IFlireoToolsBuilder builder, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(assembly);
        var toolTypes = ToolTypes(assembly);
        builder.Services.Scan(scan => scan
            .FromAssemblies(assembly)
            .AddClasses(classes => classes.Where(toolTypes.Contains), publicOnly: false)
            .AsSelf()
            .WithScopedLifetime());
        foreach (var type in toolTypes)
        {
            Register(builder.Services, type, addService: false);
        }

        return builder;
    }

    /// <summary>Adds one tool class; an instance class is registered as a scoped service.</summary>
    /// <typeparam name="T">The class declaring <see cref="FlireoToolAttribute"/> methods.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder instance.</returns>
    public static IFlireoToolsBuilder AddTools<T>(this IFlireoToolsBuilder builder) => builder.AddTools(typeof(T));

    /// <summary>Adds one tool class; an instance class is registered as a scoped service.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="toolType">The class declaring <see cref="FlireoToolAttribute"/> methods.</param>
    /// <returns>The same builder instance.</returns>
    public static IFlireoToolsBuilder AddTools(this IFlireoToolsBuilder builder, Type toolType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(toolType);
        if (!ToolScanner.HasToolMethods(toolType))
        {
            throw new FlireoToolsConfigurationException([new ToolProblem(toolType, null, "The class has no [FlireoTool] methods. Mark at least one public method with [FlireoTool] or do not register the class.")]);
        }

        Register(builder.Services, toolType, addService: true);
        return builder;
    }

    /// <summary>Adds the tool classes of a loaded plugin; run <see cref="Flireo.Tools.Loading.ToolPlugin.ConfigureServices"/> first for its services.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="plugin">The plugin loaded with <see cref="Flireo.Tools.Loading.ToolAssemblyLoader"/>.</param>
    /// <returns>The same builder instance.</returns>
    public static IFlireoToolsBuilder AddPlugin(this IFlireoToolsBuilder builder, Flireo.Tools.Loading.ToolPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(plugin);
        foreach (var type in plugin.ToolTypes)
        {
            Register(builder.Services, type, addService: true);
        }

        return builder;
    }

    private static void Register(IServiceCollection services, Type type, bool addService)
    {
        if (services.Any(d => d.ServiceType == typeof(ToolTypeRegistration) && d.ImplementationInstance is ToolTypeRegistration r && r.Type == type))
        {
            return;
        }

        services.AddSingleton(new ToolTypeRegistration(type));
        if (addService && !type.IsAbstract && !services.Any(d => d.ServiceType == type))
        {
            services.AddScoped(type);
        }
    }

    private static HashSet<Type> ToolTypes(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var missing = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
            throw new FlireoToolsConfigurationException($"Some types of assembly '{assembly.GetName().Name}' could not be loaded, so its tools cannot be scanned: {missing} Make sure every dependency of the tool assembly is deployed next to it.", ex);
        }

        return types.Where(t => t is not null && t.IsClass && ToolScanner.HasToolMethods(t!)).Select(t => t!).ToHashSet();
    }
}
