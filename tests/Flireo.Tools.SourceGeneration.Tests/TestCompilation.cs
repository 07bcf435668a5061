using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flireo.Tools.SourceGeneration.Tests;

/// <summary>Compiles C# sources in memory with the tool catalog generator, as a project referencing Flireo.Tools would.</summary>
internal sealed class TestCompilation
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    // The SDK's own generators the tool sources use ([LoggerMessage], [JsonSerializable]), from the targeting packs.
    private static readonly Lazy<ImmutableArray<ISourceGenerator>> PlatformGenerators = new(LoadPlatformGenerators);

    // The implicit usings of an SDK project (and of the Docs example, which adds the ASP.NET Core ones).
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    private TestCompilation(Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics, ImmutableArray<Diagnostic> compileErrors, string? generatedSource)
    {
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
        CompileErrors = compileErrors;
        GeneratedSource = generatedSource;
        RegistrationSource = output.SyntaxTrees.FirstOrDefault(t => t.FilePath.EndsWith("FlireoToolRegistration.g.cs", StringComparison.Ordinal))?.ToString();
    }

    public Compilation Output { get; }

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public ImmutableArray<Diagnostic> CompileErrors { get; }

    public string? GeneratedSource { get; }

    /// <summary>Gets the generated interceptors of the tool registration calls, or <see langword="null"/>.</summary>
    public string? RegistrationSource { get; }

    /// <summary>Compiles sources with interceptors allowed in the generator's namespace, as the Flireo.Tools package does for Native AOT apps.</summary>
    public static TestCompilation RunIntercepting(string assemblyName, params string[] sources) =>
        Run(assemblyName, sources.Select((s, i) => ($"Source{i}.cs", s)), intercept: true);

    public static TestCompilation Run(string assemblyName, params string[] sources) =>
        Run(assemblyName, sources.Select((s, i) => ($"Source{i}.cs", s)));

    public static TestCompilation FromDirectory(string assemblyName, string directory, Func<string, bool>? include = null)
    {
        var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => include?.Invoke(f) ?? true)
            .Order(StringComparer.Ordinal);
        return Run(assemblyName, files.Select(f => (f, File.ReadAllText(f))));
    }

    /// <summary>Compiles <paramref name="sources"/>; with <paramref name="runCatalogGenerator"/> false, only the SDK's generators run (the sources may bring a catalog of their own).</summary>
    public static TestCompilation Run(string assemblyName, IEnumerable<(string Path, string Text)> sources, bool runCatalogGenerator = true, bool intercept = false)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        if (intercept)
        {
            parse = parse.WithFeatures([new("InterceptorsNamespaces", "Other.Namespace;Flireo.Tools.Generated")]);
        }

        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, parse, "GlobalUsings.cs"))
            .ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS8019", ReportDiagnostic.Suppress), new("CS0105", ReportDiagnostic.Suppress)]));
        ISourceGenerator[] generators = runCatalogGenerator ? [new ToolCatalogGenerator().AsSourceGenerator(), .. PlatformGenerators.Value] : [.. PlatformGenerators.Value];
        var driver = CSharpGeneratorDriver.Create(generators, parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = output.SyntaxTrees.FirstOrDefault(t => t.FilePath.EndsWith("FlireoToolCatalog.g.cs", StringComparison.Ordinal))?.ToString();
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return new TestCompilation(output, diagnostics, errors, generated);
    }

    /// <summary>Emits the compilation and loads it into its own context; Flireo.Tools and the rest come from the tests' own.</summary>
    public Assembly Load()
    {
        CompileErrors.Should().BeEmpty();
        using var stream = new MemoryStream();
        var result = Output.Emit(stream);
        result.Success.Should().BeTrue(string.Join(Environment.NewLine, result.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext(Output.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return [.. platform.Concat(local)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Where(p => !Path.GetFileName(p).StartsWith("Flireo.Examples.", StringComparison.Ordinal) && IsManaged(p))
            .Select(p => MetadataReference.CreateFromFile(p))];
    }

    private static ImmutableArray<ISourceGenerator> LoadPlatformGenerators()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string Generator(string pack, string file) =>
            Directory.EnumerateDirectories(Path.Combine(dotnetRoot, "packs", pack))
                .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", file))
                .Where(File.Exists)
                .OrderBy(p => Version.Parse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(p))))!)))
                .Last();
        var loader = new AnalyzerLoader();
        return [.. new[]
        {
            Generator("Microsoft.AspNetCore.App.Ref", "Microsoft.Extensions.Logging.Generators.dll"),
            Generator("Microsoft.NETCore.App.Ref", "System.Text.Json.SourceGeneration.dll"),
        }.SelectMany(path => new Microsoft.CodeAnalysis.Diagnostics.AnalyzerFileReference(path, loader).GetGenerators(LanguageNames.CSharp))];
    }

    private sealed class AnalyzerLoader : Microsoft.CodeAnalysis.IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
