using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.SourceGeneration.Tests;

/// <summary>Compiles the tool sources of the examples and test projects with the generator, and builds service providers for them.</summary>
internal static class ToolSourceCompiler
{
    private static readonly Dictionary<string, Assembly> Compiled = new(StringComparer.Ordinal);

    public static string Root { get; } = FindRoot();

    /// <summary>Compiles a tool source (a directory, or files separated by ';') once per test run.</summary>
    public static Assembly Compile(string source)
    {
        lock (Compiled)
        {
            if (Compiled.TryGetValue(source, out var compiled))
            {
                return compiled;
            }
        }

        var paths = source.Split(';').Select(p => Path.Combine(Root, p)).ToList();
        var name = "Generated." + source.Split(';')[0].Replace('/', '.');
        var compilation = File.Exists(paths[0])
            ? TestCompilation.Run(name, paths.Select(p => (p, File.ReadAllText(p))))
            : TestCompilation.FromDirectory(name, paths[0]);
        compilation.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Should().BeEmpty();
        var assembly = compilation.Load();
        lock (Compiled)
        {
            return Compiled.TryAdd(source, assembly) ? assembly : Compiled[source];
        }
    }

    /// <summary>Builds a provider with the registered tools; a parameter the scanner cannot give the model is registered as a
    /// service, as the tool sources' own tests do: the one class of the assembly that implements it, else a factory that throws.</summary>
    public static ServiceProvider BuildProvider(Func<IFlireoToolsBuilder, IFlireoToolsBuilder> register, bool useGenerated)
    {
        var serviceTypes = new HashSet<Type>();
        while (true)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            foreach (var type in serviceTypes)
            {
                if (Implementation(type) is { } implementation)
                {
                    services.AddSingleton(type, implementation);
                }
                else
                {
                    services.AddSingleton(type, _ => throw new InvalidOperationException("Only registered for the catalog."));
                }
            }

            register(services.AddFlireoTools(o => o.UseGeneratedToolCatalog = useGenerated));
            var provider = services.BuildServiceProvider();
            try
            {
                provider.GetRequiredService<ToolCatalog>();
                return provider;
            }
            catch (FlireoToolsConfigurationException ex) when (ex.Problems.Count > 0)
            {
                provider.Dispose();
                var added = 0;
                foreach (var problem in ex.Problems)
                {
                    var match = System.Text.RegularExpressions.Regex.Match(problem.Message, "^Parameter '(\\w+)' has an unsupported type");
                    if (match.Success && problem.Method?.GetParameters().FirstOrDefault(p => p.Name == match.Groups[1].Value) is { } parameter
                        && serviceTypes.Add(parameter.ParameterType))
                    {
                        added++;
                    }
                }

                if (added == 0)
                {
                    throw;
                }
            }
        }
    }

    private static Type? Implementation(Type service)
    {
        if (service.Assembly.GetName().Name?.StartsWith("Generated.", StringComparison.Ordinal) != true)
        {
            return null;
        }

        var candidates = service.Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && service.IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static string FindRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
