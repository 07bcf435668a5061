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

    // The DataAnnotations validators the catalog writes as code are the attributes reflection reads from the parameters.
    [Theory]
    [MemberData(nameof(ToolSources))]
    public void Validators_Generated_AreTheAttributesReflectionReads(string source)
    {
        var generated = GeneratedToolCatalog.For(Compile(source))!;
        var compared = 0;

        foreach (var tool in generated.Tools)
        {
            var parameters = tool.FindMethod()!.GetParameters();
            tool.Call!.Validators.Should().NotBeNull().And.HaveCount(parameters.Length);
            for (var i = 0; i < parameters.Length; i++)
            {
                var written = tool.Call.Validators![i];
                written.Should().NotBeNull($"{tool.Name}.{parameters[i].Name}'s validators can all be written as code");
                var read = parameters[i].GetCustomAttributes<System.ComponentModel.DataAnnotations.ValidationAttribute>(inherit: true).ToArray();
                written!.Select(Describe).Should().Equal(read.Select(Describe), $"{tool.Name}.{parameters[i].Name}");
                compared += read.Length;
            }
        }

        output.WriteLine($"{source}: {compared} validators compared.");
    }

    [Fact]
    public void Validators_EveryArgumentKind_AreTheAttributesReflectionReads()
    {
        var assembly = TestCompilation.Run("Validators", """
            using System.ComponentModel.DataAnnotations;
            using Flireo.Tools;
            namespace Sample;
            public enum Level { Low, High = 5 }
            public sealed class LevelAttribute(Level level, long limit, char mark, Type? kind) : ValidationAttribute
            {
                public Level Level { get; } = level;
                public long Limit { get; } = limit;
                public char Mark { get; } = mark;
                public Type? Kind { get; } = kind;
                public float Factor { get; set; }
                public override bool IsValid(object? value) => true;
            }
            internal sealed class HiddenAttribute : ValidationAttribute
            {
                public override bool IsValid(object? value) => true;
            }
            public sealed class Tools
            {
                [FlireoTool]
                public string Check(
                    [Required, Range(1, 12)] int guests,
                    [Range(0.5, 9.5, ErrorMessage = "between {1} and {2}")] double factor,
                    [Range(typeof(DateTime), "2020-01-01", "2030-12-31")] DateTime day,
                    [AllowedValues("lunch", null, 3), DeniedValues(new object?[] { "x" })] string sitting,
                    [StringLength(10, MinimumLength = 2), RegularExpression("^[a-z]+$"), Level(Level.High, -3L, 'x', typeof(string), Factor = 1.5f)] string name,
                    [Level(Level.Low, 0, 'y', null), Hidden] string? note = null,
                    [EmailAddress] string? email = null) => "ok";
            }
            """).Load();
        var tool = GeneratedToolCatalog.For(assembly)!.Tools.Single();
        var parameters = tool.FindMethod()!.GetParameters();

        var written = tool.Call!.Validators!;

        written.Should().HaveCount(parameters.Length);
        for (var i = 0; i < parameters.Length; i++)
        {
            var read = parameters[i].GetCustomAttributes<System.ComponentModel.DataAnnotations.ValidationAttribute>(inherit: true).ToArray();
            if (parameters[i].Name == "note")
            {
                written[i].Should().BeNull("an internal attribute of the tool's assembly is read by reflection");
                continue;
            }

            written[i]!.Select(Describe).Should().Equal(read.Select(Describe), parameters[i].Name);
            read.Should().NotBeEmpty();
        }
    }

    // A validator's type and its public settings, as text.
    private static string Describe(System.ComponentModel.DataAnnotations.ValidationAttribute attribute)
    {
        var settings = attribute.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != nameof(Attribute.TypeId))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p =>
            {
                try
                {
                    return p.GetValue(attribute) is System.Collections.IEnumerable items and not string
                        ? $"{p.Name}=[{string.Join(", ", items.Cast<object?>().Select(item => $"{item?.GetType().Name}:{item}"))}]"
                        : $"{p.Name}={p.GetValue(attribute)}";
                }
                catch (TargetInvocationException)
                {
                    return $"{p.Name}=(throws)";
                }
            });
        return $"{attribute.GetType().FullName}({string.Join(", ", settings)}) {attribute.FormatErrorMessage("x")}";
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
