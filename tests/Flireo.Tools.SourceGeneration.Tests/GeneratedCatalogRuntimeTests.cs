using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.SourceGeneration.Tests;

/// <summary>When the runtime takes a schema from the generated catalog and when it falls back to reflection.</summary>
public sealed class GeneratedCatalogRuntimeTests
{
    private static readonly Lazy<Type> ToolType = new(() => TestCompilation.Run("Runtime", """
        using Flireo.Tools;
        namespace Sample;
        public interface IClock { DateTime Now { get; } }
        public sealed class DiaryTools
        {
            [FlireoTool]
            public string AddEntry(string entryText, IClock clock) => entryText;
        }
        """).Load().GetType("Sample.DiaryTools")!);

    [Fact]
    public void AddTools_DefaultOptions_TakesTheGeneratedSchema()
    {
        var schema = Schema(options => { }, registerClock: true);

        schema.Should().Be("""{"type":"object","properties":{"entryText":{"type":"string"}},"required":["entryText"],"additionalProperties":false}""");
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

    private static string Schema(Action<FlireoToolsOptions> configure, bool registerClock)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (registerClock)
        {
            services.AddSingleton(ToolType.Value.Assembly.GetType("Sample.IClock")!, _ => throw new InvalidOperationException("Not resolved here."));
        }

        services.AddFlireoTools(configure).AddTools(ToolType.Value);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ToolCatalog>().Tools.Single().ParametersSchema.GetRawText();
    }
}
