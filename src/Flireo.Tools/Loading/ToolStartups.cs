using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flireo.Tools.Loading;

/// <summary>Finds and runs the <see cref="IFlireoToolsStartup"/> classes of a tool assembly, once per assembly and service collection.</summary>
/// <remarks>
/// The one registration story: the self-hosted server and the CLI (through <see cref="ToolPlugin.ConfigureServices"/>)
/// and library mode (<c>AddToolsFromAssembly</c>/<c>AddToolsFromAssemblyOf</c>) all come here, so a tool library gets
/// the same services however it is hosted, and scanning an assembly twice does not register its services twice.
/// </remarks>
internal static class ToolStartups
{
    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    internal static Type[] Find(IEnumerable<Type?> types) => types
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IFlireoToolsStartup).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => t!)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    internal static void Run(IServiceCollection services, IConfiguration configuration, Assembly assembly, IReadOnlyList<Type> startupTypes, string owner)
    {
        (Type, Func<IFlireoToolsStartup>)[] startups = [.. startupTypes.Select(t => (t, (Func<IFlireoToolsStartup>)(() => (IFlireoToolsStartup)Activator.CreateInstance(t)!)))];
        Run(services, configuration, assembly, startups, owner);
    }

    /// <summary>Runs startup classes through their factories: the generated catalog lists them without scanning.</summary>
    internal static void Run(IServiceCollection services, IConfiguration configuration, Assembly assembly, IReadOnlyList<(Type Type, Func<IFlireoToolsStartup> Create)> startups, string owner)
    {
        if (services.Any(d => d.ServiceType == typeof(StartupsRan) && d.ImplementationInstance is StartupsRan ran && ran.Assembly == assembly))
        {
            return;
        }

        // Marked before running, so a startup class that scans its own assembly does not run itself again.
        services.AddSingleton(new StartupsRan(assembly));
        foreach (var (type, create) in startups)
        {
            try
            {
                create().ConfigureServices(services, configuration);
            }
            catch (Exception ex) when (ex is not FlireoToolsConfigurationException)
            {
                var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                throw new FlireoToolsConfigurationException($"The startup class {type.FullName} of {owner} failed: {cause.Message}", cause);
            }
        }
    }

    /// <summary>The host's configuration as far as it is known while services are registered: an <see cref="IConfiguration"/> registered as an instance, else the host builder's, else empty.</summary>
    internal static IConfiguration ConfigurationOf(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.IsKeyedService)
            {
                continue;
            }

            if (descriptor.ServiceType == typeof(IConfiguration) && descriptor.ImplementationInstance is IConfiguration configuration)
            {
                return configuration;
            }

            // Host.CreateApplicationBuilder and WebApplication.CreateBuilder register IConfiguration through a factory,
            // and their HostBuilderContext as an instance that holds the same configuration.
            if (descriptor.ServiceType == typeof(HostBuilderContext) && descriptor.ImplementationInstance is HostBuilderContext { Configuration: { } context })
            {
                return context;
            }
        }

        return new ConfigurationBuilder().Build();
    }

    private sealed record StartupsRan(Assembly Assembly);
}
