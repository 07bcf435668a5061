using BenchmarkDotNet.Attributes;

namespace Flireo.Tools.Benchmarks.Startup;

/// <summary>Measures scanning 1,000 tools and generating their definitions, warm (steady state); <c>cold-startup</c> measures a fresh process.</summary>
/// <remarks>
/// References: the reflection floor any scanner pays (find the methods, their attributes and parameters), and a
/// hand-written exporter built on the BCL's <c>JsonSchemaExporter</c>.
/// </remarks>
[MemoryDiagnoser]
public class CatalogStartupBenchmarks
{
    private Type[] _types = null!;

    [GlobalSetup]
    public void Setup()
    {
        _types = ThousandToolsAssembly.ToolTypes();
        var count = ToolCatalog.Create(_types).Tools.Count;
        if (count != 1000)
        {
            throw new InvalidOperationException($"Expected 1,000 tools, found {count}.");
        }
    }

    [Benchmark(Baseline = true, Description = "Reference: reflection floor")]
    public int ReflectionFloor() => StartupWork.ReflectionFloor(_types);

    [Benchmark(Description = "Reference: reflection + BCL JsonSchemaExporter, to JSON")]
    public string BclDefinitions() => StartupWork.BclDefinitions(_types);

    [Benchmark(Description = "ToolCatalog.Create (scan; schemas on first read)")]
    public ToolCatalog Catalog() => StartupWork.Catalog(_types);

    [Benchmark(Description = "ToolCatalog.Create + every schema read")]
    public ToolCatalog CatalogWithSchemas() => StartupWork.CatalogWithSchemas(_types);

    [Benchmark(Description = "ToolCatalog.Create + ToolDefinitions.ToJson")]
    public string Export() => StartupWork.Export(_types);
}
