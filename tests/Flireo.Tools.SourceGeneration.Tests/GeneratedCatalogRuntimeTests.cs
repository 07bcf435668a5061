using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.SourceGeneration.Tests;

/// <summary>When the runtime takes a schema from the generated catalog and when it falls back to reflection.</summary>
public sealed class GeneratedCatalogRuntimeTests
{
    private const string Source = """
        using Flireo.Tools;
        namespace Sample;
        public interface IClock { DateTime Now { get; } }
        public sealed class DiaryTools
        {
            [FlireoTool]
            public string AddEntry(string entryText, IClock clock) => entryText;
        }
        """;

    private static readonly Lazy<Type> ToolType = new(() => TestCompilation.Run("Runtime", Source).Load().GetType("Sample.DiaryTools")!);

    [Fact]
    public void AddTools_DefaultOptions_GivesTheExpectedSchema()
    {
        var schema = Schema(options => { }, registerClock: true);

        schema.Should().Be("""{"type":"object","properties":{"entryText":{"type":"string"}},"required":["entryText"],"additionalProperties":false}""");
    }

    [Fact]
    public void AddTools_DefaultOptions_ServesTheCatalogsSchemaBytes_NotAReflectionSchema()
    {
        // The same tool with a catalog whose schema literal was changed by hand: only the catalog path can serve the change.
        var generated = TestCompilation.Run("Original", Source).GeneratedSource!;
        var altered = generated.Replace("""\"entryText\":{\"type\":\"string\"}""", """\"entryText\":{\"type\":\"string\",\"description\":\"from the catalog\"}""", StringComparison.Ordinal);
        altered.Should().NotBe(generated, "the generated source holds the schema as a literal");
        var type = TestCompilation.Run("Altered", [("Tools.cs", Source), ("FlireoToolCatalog.g.cs", altered)], runCatalogGenerator: false).Load().GetType("Sample.DiaryTools")!;

        var fromCatalog = Schema(type, options => { }, registerClock: true);
        var fromReflection = Schema(type, options => options.UseGeneratedToolCatalog = false, registerClock: true);

        fromCatalog.Should().Contain("from the catalog");
        fromReflection.Should().NotContain("from the catalog");
    }

    [Fact]
    public void AddTools_OtherNamingPolicy_GeneratesTheSchemaByReflection()
    {
        var schema = Schema(options => options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, registerClock: true);

        schema.Should().Contain("\"entry_text\"").And.NotContain("entryText");
    }

    [Fact]
    public void AddTools_InterfaceNotRegistered_FailsAtStartupAsWithReflection()
    {
        var withCatalog = () => Schema(options => { }, registerClock: false);
        var withReflection = () => Schema(options => options.UseGeneratedToolCatalog = false, registerClock: false);

        var expected = withReflection.Should().Throw<FlireoToolsConfigurationException>().Which.Message;
        withCatalog.Should().Throw<FlireoToolsConfigurationException>().Which.Message.Should().Be(expected).And.Contain("'IClock' is an interface");
    }

    [Fact]
    public async Task Route_CatalogWithAlteredInvoker_CallsTheGeneratedInvoker_AndReflectionWhenForced()
    {
        const string echo = """
            using Flireo.Tools;
            namespace Sample;
            public sealed class EchoTools
            {
                [FlireoTool]
                public string Echo(string text, int times = 1) => string.Concat(Enumerable.Repeat(text, times));
            }
            """;

        // Only the generated direct call can add the prefix: reflection calls the method itself.
        var generated = TestCompilation.Run("EchoOriginal", echo).GeneratedSource!;
        var altered = generated.Replace(".Echo((string)args[0]!", ".Echo(\"generated:\" + (string)args[0]!", StringComparison.Ordinal);
        altered.Should().NotBe(generated, "the generated source calls the method directly");
        var type = TestCompilation.Run("EchoAltered", [("Tools.cs", echo), ("FlireoToolCatalog.g.cs", altered)], runCatalogGenerator: false).Load().GetType("Sample.EchoTools")!;

        (await CallAsync(type, useGenerated: true)).Should().Contain("\"generated:higenerated:hi\"");
        (await CallAsync(type, useGenerated: false)).Should().Contain("\"hihi\"").And.NotContain("generated:");
    }

    [Fact]
    public async Task Route_CatalogSaysTheParameterAcceptsNull_BindsNullAsTheCatalogSays_AndReflectionWhenForced()
    {
        const string echo = """
            using Flireo.Tools;
            namespace Sample;
            public sealed class ShoutTools
            {
                [FlireoTool]
                public string Shout(string text) => "[" + text + "]";
            }
            """;

        // Nullability comes from the catalog, not from the parameter's metadata: only the catalog path lets null through.
        var generated = TestCompilation.Run("ShoutOriginal", echo).GeneratedSource!;
        var altered = generated.Replace("AcceptsNull = new bool[] { false }", "AcceptsNull = new bool[] { true }", StringComparison.Ordinal);
        altered.Should().NotBe(generated, "the generated source says whether each parameter accepts null");
        var type = TestCompilation.Run("ShoutAltered", [("Tools.cs", echo), ("FlireoToolCatalog.g.cs", altered)], runCatalogGenerator: false).Load().GetType("Sample.ShoutTools")!;

        var fromCatalog = await ShoutNullAsync(type, useGenerated: true);
        var fromReflection = await ShoutNullAsync(type, useGenerated: false);

        fromCatalog.Should().Contain("\"[]\"");
        fromReflection.Should().NotContain("\"[]\"").And.Contain("text");
    }

    [Fact]
    public void AddTools_NonBlockingTool_TheGeneratedDescriptorSaysSo_AsReflectionDoes()
    {
        const string tools = """
            using Flireo.Tools;
            namespace Sample;
            public sealed class LookupTools
            {
                [FlireoTool(NonBlocking = true)]
                public string Lookup(string name) => name;

                [FlireoTool]
                public string Wait(string name) => name;
            }
            """;
        var type = TestCompilation.Run("NonBlocking", tools).Load().GetType("Sample.LookupTools")!;

        var generated = Descriptors(type, useGenerated: true);
        var reflected = Descriptors(type, useGenerated: false);

        generated.Should().OnlyContain(t => t.Invoker.IsGenerated);
        generated.ToDictionary(t => t.Name, t => t.NonBlocking).Should().Equal(new Dictionary<string, bool> { ["lookup"] = true, ["wait"] = false });
        reflected.ToDictionary(t => t.Name, t => t.NonBlocking).Should().Equal(generated.ToDictionary(t => t.Name, t => t.NonBlocking));

        static IReadOnlyList<ToolDescriptor> Descriptors(Type toolType, bool useGenerated)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddFlireoTools(o => o.UseGeneratedToolCatalog = useGenerated).AddTools(toolType);
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<ToolCatalog>().Tools;
        }
    }

    private static async Task<string> ShoutNullAsync(Type toolType, bool useGenerated)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFlireoTools(o => o.UseGeneratedToolCatalog = useGenerated).AddTools(toolType);
        await using var provider = services.BuildServiceProvider();
        return await GeneratedCallEqualityTests.RouteAsync(provider, "shout", new System.Text.Json.Nodes.JsonObject { ["text"] = null });
    }

    private static async Task<string> CallAsync(Type toolType, bool useGenerated)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFlireoTools(o => o.UseGeneratedToolCatalog = useGenerated).AddTools(toolType);
        await using var provider = services.BuildServiceProvider();
        var tool = provider.GetRequiredService<ToolCatalog>().Tools.Single();
        tool.Invoker.IsGenerated.Should().Be(useGenerated);
        tool.Bindings.Should().OnlyContain(b => (b.TypeInfo != null) == useGenerated);
        return await GeneratedCallEqualityTests.RouteAsync(provider, "echo", new System.Text.Json.Nodes.JsonObject { ["text"] = "hi", ["times"] = 2 });
    }

    private static string Schema(Action<FlireoToolsOptions> configure, bool registerClock) => Schema(ToolType.Value, configure, registerClock);

    private static string Schema(Type toolType, Action<FlireoToolsOptions> configure, bool registerClock)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (registerClock)
        {
            services.AddSingleton(toolType.Assembly.GetType("Sample.IClock")!, _ => throw new InvalidOperationException("Not resolved here."));
        }

        services.AddFlireoTools(configure).AddTools(toolType);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ToolCatalog>().Tools.Single().ParametersSchema.GetRawText();
    }
}
