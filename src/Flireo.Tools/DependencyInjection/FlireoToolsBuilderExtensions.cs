using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Flireo.Tools;
using Flireo.Tools.DependencyInjection;
using Flireo.Tools.Invocation;
using Flireo.Tools.SourceGeneration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers tool classes and tool-call filters on an <see cref="IFlireoToolsBuilder"/>.</summary>
public static class FlireoToolsBuilderExtensions
{
    /// <summary>Adds a filter that runs around every tool call the router answers (see <see cref="IToolCallFilter"/>).</summary>
    /// <typeparam name="TFilter">The filter, created once from the services; adding the same type again has no effect.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder instance.</returns>
    /// <remarks>Filters run in the order they are added, the first outermost.</remarks>
    public static IFlireoToolsBuilder AddFilter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFilter>(this IFlireoToolsBuilder builder)
        where TFilter : class, IToolCallFilter
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IToolCallFilter, TFilter>());
        return builder;
    }

    /// <summary>Adds a filter written as a function that runs around every tool call the router answers (see <see cref="IToolCallFilter"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="filter">Handles a call: call the delegate it gets to go on, or return a result of its own.</param>
    /// <returns>The same builder instance.</returns>
    /// <remarks>Filters run in the order they are added, the first outermost.</remarks>
    public static IFlireoToolsBuilder AddFilter(this IFlireoToolsBuilder builder, Func<ToolCallFilterContext, ToolCallStep, ValueTask<ToolCallResult>> filter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(filter);
        builder.Services.AddSingleton<IToolCallFilter>(new DelegateToolCallFilter(filter));
        return builder;
    }

    /// <summary>Adds every class with <see cref="FlireoToolAttribute"/> methods in the assembly that declares <typeparamref name="T"/>, and runs its <see cref="Flireo.Tools.Loading.IFlireoToolsStartup"/> classes.</summary>
    /// <typeparam name="T">Any type of the assembly to scan.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder instance.</returns>
    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    public static IFlireoToolsBuilder AddToolsFromAssemblyOf<T>(this IFlireoToolsBuilder builder) => builder.AddToolsFromAssembly(typeof(T).Assembly);

    /// <summary>Adds every class with <see cref="FlireoToolAttribute"/> methods in an assembly; instance tool classes are registered as scoped services.</summary>
    /// <remarks>
    /// The assembly's <see cref="Flireo.Tools.Loading.IFlireoToolsStartup"/> classes run here too, as when the self-hosted server
    /// loads the assembly as a plugin, and only once per service collection however often the assembly is scanned. They get the
    /// host's configuration (from <c>Host.CreateApplicationBuilder</c> or <c>WebApplication.CreateBuilder</c>, or an
    /// <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> registered as an instance), else an empty one.
    /// </remarks>
    /// <param name="builder">The builder.</param>
    /// <param name="assembly">The assembly to scan.</param>
    /// <returns>The same builder instance.</returns>
    /// <exception cref="FlireoToolsConfigurationException">A type cannot be loaded, or a startup class could not be created or threw.</exception>
    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    public static IFlireoToolsBuilder AddToolsFromAssembly(this IFlireoToolsBuilder builder, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(assembly);
        var types = Types(assembly);
        Flireo.Tools.Loading.ToolStartups.Run(
            builder.Services,
            Flireo.Tools.Loading.ToolStartups.ConfigurationOf(builder.Services),
            assembly,
            Flireo.Tools.Loading.ToolStartups.Find(types),
            $"assembly '{assembly.GetName().Name}'");
        foreach (var type in types)
        {
            if (type is { IsClass: true } && ToolScanner.HasToolMethods(type))
            {
                Register(builder.Services, type, addService: true);
            }
        }

        // The generated catalog names its tool classes, which a trimmed or Native AOT app cannot find by scanning (their
        // methods keep no metadata unless something names them); it lists the same classes, so this adds nothing elsewhere.
        foreach (var tool in GeneratedToolCatalog.For(assembly)?.Tools ?? [])
        {
            Register(builder.Services, tool.ToolType, addService: true);
        }

        return builder;
    }

    /// <summary>Adds one tool class; an instance class is registered as a scoped service.</summary>
    /// <typeparam name="T">The class declaring <see cref="FlireoToolAttribute"/> methods.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder instance.</returns>
    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    public static IFlireoToolsBuilder AddTools<T>(this IFlireoToolsBuilder builder) => builder.AddTools(typeof(T));

    /// <summary>Adds one tool class; an instance class is registered as a scoped service.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="toolType">The class declaring <see cref="FlireoToolAttribute"/> methods.</param>
    /// <returns>The same builder instance.</returns>
    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    public static IFlireoToolsBuilder AddTools(this IFlireoToolsBuilder builder, Type toolType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(toolType);
        if (!ToolScanner.HasToolMethods(toolType))
        {
            throw new FlireoToolsConfigurationException([new ToolProblem(toolType, null, ToolTypeRegistration.NoToolMethods)]);
        }

        Register(builder.Services, toolType, addService: true);
        return builder;
    }

    /// <summary>Adds the tool classes of a loaded plugin; run <see cref="Flireo.Tools.Loading.ToolPlugin.ConfigureServices"/> first for its services.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="plugin">The plugin loaded with <see cref="Flireo.Tools.Loading.ToolAssemblyLoader"/>.</param>
    /// <returns>The same builder instance.</returns>
    [RequiresUnreferencedCode(TrimmingMessages.PluginLoading)]
    [RequiresDynamicCode(TrimmingMessages.PluginLoading)]
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

    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    private static void Register(IServiceCollection services, Type type, bool addService)
        => ToolTypeRegistration.Add(services, type, addService, () => GeneratedToolCatalog.For(type.Assembly));

    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    private static Type?[] Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var missing = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
            throw new FlireoToolsConfigurationException($"Some types of assembly '{assembly.GetName().Name}' could not be loaded, so its tools cannot be scanned: {missing} Make sure every dependency of the tool assembly is deployed next to it.", ex);
        }
    }
}
