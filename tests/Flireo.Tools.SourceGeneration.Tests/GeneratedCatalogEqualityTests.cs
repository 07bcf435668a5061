using System.Reflection;
using System.Text.Json;
using Flireo.Tools.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Flireo.Tools.SourceGeneration.Tests;

/// <summary>
/// Compiles the tools of the examples and of the test projects with the generator, registers each assembly once with the
/// generated catalog and once with reflection forced, and compares what is exported byte for byte.
/// </summary>
public sealed class GeneratedCatalogEqualityTests(ITestOutputHelper output)
{
    private static readonly string Root = ToolSourceCompiler.Root;

    public static TheoryData<string> ToolSources() =>
    [
        "examples/Flireo.Examples.Restaurant",
        "examples/Flireo.Examples.Docs",
        "tests/Flireo.Tools.Tests/Definitions/GoldenTools.cs",
        "tests/Flireo.Tools.Reliability.Tests/Properties/EchoTools.cs",
        "tests/Flireo.Tools.Mcp.Tests/TestSupport/McpTestTools.cs",
        "tests/Flireo.Tools.Dashboard.Tests/Support/DashboardTools.cs",
        "tests/TestPlugins/Cli/CliTests.SampleTools",
        "tests/TestPlugins/Flireo.TestPlugins.Greetings",
        "tests/TestPlugins/Flireo.TestPlugins.Journal",
        "tests/TestPlugins/Flireo.TestPlugins.Numbers",
        "tests/TestPlugins/Flireo.TestPlugins.Announcer",
        "tests/TestPlugins/Flireo.TestPlugins.Reliability",
    ];

    [Theory]
    [MemberData(nameof(ToolSources))]
    public void Export_GeneratedCatalog_EqualsReflectionExportByteForByte(string source)
    {
        var assembly = Compile(source);
        var generated = GeneratedToolCatalog.For(assembly);
        generated.Should().NotBeNull("the generator writes a catalog for every assembly with valid tools");

        // Class by class (AddTools), as the examples' and tests' hosts register them; some share a tool name on purpose.
        var fromCatalog = new List<ToolDescriptor>();
        var fromReflection = new List<ToolDescriptor>();
        foreach (var type in generated!.Tools.Select(t => t.ToolType).Distinct())
        {
            var catalogTools = Catalog(b => b.AddTools(type), useGenerated: true).Tools;
            var reflectionTools = Catalog(b => b.AddTools(type), useGenerated: false).Tools;
            catalogTools.Select(t => t.Name).Should().Equal(reflectionTools.Select(t => t.Name));
            foreach (var options in ExportOptions())
            {
                ToolDefinitions.ToJson(catalogTools, options).Should().Be(ToolDefinitions.ToJson(reflectionTools, options), $"{type} exports the same");
            }

            fromCatalog.AddRange(catalogTools);
            fromReflection.AddRange(reflectionTools);
        }

        fromCatalog.Should().HaveCount(generated.Tools.Count);

        var withSchema = generated.Tools.Where(t => t.HasParametersSchema).ToList();
        output.WriteLine($"{source}: {generated.Tools.Count} tools, {withSchema.Count} with a generated schema.");
        foreach (var tool in generated.Tools.Where(t => !t.HasParametersSchema))
        {
            output.WriteLine($"  reflection schema: {tool.Name}");
        }

        foreach (var tool in withSchema)
        {
            var reflected = fromReflection.Single(t => t.Method == tool.FindMethod()).ParametersSchema.GetRawText();
            Compact(tool.ParametersSchema).Should().Be(Compact(reflected), $"the generated schema of {tool.Name} must be the reflection one");
        }
    }

    [Fact]
    public void Export_GoldenTools_MostSchemasAreGenerated()
    {
        var generated = GeneratedToolCatalog.For(Compile("tests/Flireo.Tools.Tests/Definitions/GoldenTools.cs"))!;

        // Records and classes as parameters (book_table, register_patient, calculate_quote) and a dictionary
        // (update_customer) stay with reflection for now; every other golden tool's schema is generated.
        generated.Tools.Where(t => !t.HasParametersSchema).Select(t => t.Name).Should().BeEquivalentTo(
            "book_table", "calculate_quote", "register_patient", "update_customer");
    }

    private static IEnumerable<ToolDefinitionOptions> ExportOptions() =>
    [
        new(),
        new() { Strict = true },
        new() { Shape = ToolDefinitionShape.OpenAI, Strict = true, BaseUrl = "https://tools.example.com" },
        new() { Naming = Protocol.WebhookCasing.CamelCase, LegacyAsyncResponse = true },
    ];

    // The tool sources' own tests register the services their tools take; here a parameter the scanner cannot give the model
    // is registered as a service, as those tests do, and the catalog built again.
    [Fact]
    public void AddToolsFromAssembly_Restaurant_GeneratedAndReflectedCatalogsExportTheSame()
    {
        var assembly = Compile("examples/Flireo.Examples.Restaurant");

        var fromCatalog = Catalog(b => b.AddToolsFromAssembly(assembly), useGenerated: true);
        var fromReflection = Catalog(b => b.AddToolsFromAssembly(assembly), useGenerated: false);

        fromCatalog.Tools.Should().HaveCount(9);
        ToolDefinitions.ToJson(fromCatalog.Tools).Should().Be(ToolDefinitions.ToJson(fromReflection.Tools));
        ToolDefinitions.ToJson(fromCatalog.Tools).Should().Be(File.ReadAllText(Path.Combine(Root, "examples/Flireo.Examples.Restaurant/definitions.json")));
    }

    // The scan-free registration the generator intercepts AddToolsFromAssemblyOf<T>() with registers what the reflection scan
    // registers: the same tools, settings, schemas and errors (tools sharing a name, startup classes that need configuration).
    [Theory]
    [MemberData(nameof(ToolSources))]
    public void AddToolsFromAssembly_ScanFreeRegistration_ExportsWhatTheReflectionScanExports(string source)
    {
        var assembly = Compile(source);

        var scanFree = Outcome(b => GeneratedToolRegistration.AddToolsFromAssembly(b, assembly), useGenerated: true);
        var scanFreeReflected = Outcome(b => GeneratedToolRegistration.AddToolsFromAssembly(b, assembly), useGenerated: false);
        var reflection = Outcome(b => b.AddToolsFromAssembly(assembly), useGenerated: false);

        output.WriteLine($"{source}: {reflection[..Math.Min(reflection.Length, 120)]}");
        scanFree.Should().Be(reflection);
        scanFreeReflected.Should().Be(reflection, "Flireo:UseGeneratedToolCatalog=false still reflects over the classes the catalog registered");
    }

    // The exported definitions in every shape, or the startup problems.
    private static string Outcome(Func<IFlireoToolsBuilder, IFlireoToolsBuilder> register, bool useGenerated)
    {
        try
        {
            var tools = Catalog(register, useGenerated).Tools;
            return string.Join("\n", ExportOptions().Select(options => ToolDefinitions.ToJson(tools, options)));
        }
        catch (FlireoToolsConfigurationException ex)
        {
            return "error: " + ex.Message;
        }
    }

    private static ToolCatalog Catalog(Func<IFlireoToolsBuilder, IFlireoToolsBuilder> register, bool useGenerated)
    {
        using var provider = ToolSourceCompiler.BuildProvider(register, useGenerated);
        return provider.GetRequiredService<ToolCatalog>();
    }

    private static Assembly Compile(string source) => ToolSourceCompiler.Compile(source);

    private static string Compact(ReadOnlySpan<byte> json) => JsonSerializer.Serialize(JsonDocument.Parse(json.ToArray()).RootElement);

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

}
