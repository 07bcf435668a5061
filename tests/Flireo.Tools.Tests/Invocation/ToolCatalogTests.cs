using System.ComponentModel;
using Flireo.Tools.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Tests.Invocation;

public class ToolCatalogTests
{
    [Fact]
    public void Create_SampleTools_DerivesNamesDescriptionsAndModelParameters()
    {
        var catalog = ToolCatalog.Create([typeof(SampleTools)]);

        catalog.Tools.Select(t => t.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
        catalog.TryGetTool("check_availability", out var check).Should().BeTrue();
        check!.Description.Should().Be("Checks a table.");
        check.Parameters.Select(p => (p.Name, p.IsRequired)).Should().Equal(("date", true), ("guests", true), ("seating", false), ("avoid", false));
        check.ReturnValueType.Should().Be<string>();
        catalog.TryGetTool("greet", out var greet).Should().BeTrue();
        greet!.Parameters.Should().ContainSingle().Which.Description.Should().Be("Who");
        catalog.TryGetTool("send_sms", out var sms).Should().BeTrue();
        sms!.IsAsync.Should().BeTrue();
        sms.Message.Should().Be("I'll text you.");
    }

    [Fact]
    public void Create_RegisteredServiceParameter_IsInjectedNotInSchema()
    {
        var services = new ServiceCollection().AddSingleton<IGreetingService, GreetingService>().BuildServiceProvider();

        var catalog = ToolCatalog.Create([typeof(ServiceParameterTools)], services: services.GetRequiredService<IServiceProviderIsService>());

        catalog.Tools.Single().Parameters.Select(p => p.Name).Should().Equal("name");
    }

    [Theory]
    [InlineData(typeof(DuplicateA), "The tool name 'same' is already used by")]
    [InlineData(typeof(BadName), "The tool name '1st' is invalid")]
    [InlineData(typeof(TooLongName), "is invalid: it must match")]
    [InlineData(typeof(UnsupportedParameter), "Parameter 'stream' has an unsupported type")]
    [InlineData(typeof(InterfaceParameter), "register it as a service or mark the parameter [FromServices]")]
    [InlineData(typeof(RefParameter), "Parameter 'value' is ref/out/in")]
    [InlineData(typeof(OutParameter), "Parameter 'value' is ref/out/in")]
    [InlineData(typeof(GenericMethod), "Tool methods cannot be generic")]
    [InlineData(typeof(AsyncReturningValue), "nobody reads the result of an async tool")]
    [InlineData(typeof(NonPublicMethod), "Tool methods must be public")]
    [InlineData(typeof(AsyncEnumerableReturn), "is not supported")]
    public void Create_InvalidTool_FailsNamingTypeMethodAndFix(Type type, string expected)
    {
        var types = type == typeof(DuplicateA) ? new[] { typeof(DuplicateA), typeof(DuplicateB) } : new[] { type };

        var act = () => ToolCatalog.Create(types);

        var problem = act.Should().Throw<FlireoToolsConfigurationException>().Which.Problems.Should().ContainSingle().Subject;
        problem.Message.Should().Contain(expected);
        problem.ToString().Should().StartWith(problem.Type!.FullName);
        problem.Method.Should().NotBeNull();
    }

    [Fact]
    public void Create_SeveralProblems_ReportsThemAll()
    {
        var act = () => ToolCatalog.Create([typeof(BadName), typeof(RefParameter)]);

        act.Should().Throw<FlireoToolsConfigurationException>().Which.Problems.Should().HaveCount(2);
    }

    [Fact]
    public void SchemaSource_GeneratorFails_ThrowsConfigurationErrorNamingTheToolMethod()
    {
        var method = typeof(TwoParameters).GetMethod(nameof(TwoParameters.Save))!;
        var parameters = method.GetParameters();
        // Both parameters under one JSON name: the schema generator refuses them (the scanner reports this earlier itself).
        var models = parameters.Select(p => new ToolParameter(p, "same", null, isRequired: true)).ToList();
        var source = new Flireo.Tools.Schema.ToolSchemaSource(Flireo.Tools.Invocation.ToolJson.CreateDefaultOptions());

        var act = () => source.Generate(method, models);

        var problem = act.Should().Throw<FlireoToolsConfigurationException>().Which.Problems.Should().ContainSingle().Subject;
        problem.Message.Should().StartWith("No JSON schema could be generated for the parameters:");
        problem.Type.Should().Be<TwoParameters>();
        problem.Method.Should().BeSameAs(method);
    }

    [Fact]
    public async Task Schemas_ReadFromManyThreadsAtOnce_AreGeneratedOnceAndEqualTheSequentialOnes()
    {
        var expected = ToolCatalog.Create([typeof(SampleTools)]).Tools.Select(t => t.ParametersSchema.GetRawText() + t.StrictParametersSchema.GetRawText()).ToList();
        var catalog = ToolCatalog.Create([typeof(SampleTools)]);

        var texts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            () => catalog.Tools.Select(t => t.ParametersSchema.GetRawText() + t.StrictParametersSchema.GetRawText()).ToList())));

        texts.Should().AllSatisfy(t => t.Should().Equal(expected));
    }

    public sealed class TwoParameters
    {
        [FlireoTool]
        public static void Save(int first, int second) => _ = first + second;
    }

    public sealed class ServiceParameterTools
    {
        [FlireoTool]
        public static string Hello(IGreetingService greetings, string name) => greetings.Greet(name);
    }

    public sealed class DuplicateA
    {
        [FlireoTool("same")]
        public static void One()
        {
        }
    }

    public sealed class DuplicateB
    {
        [FlireoTool("same")]
        public static void Two()
        {
        }
    }

    public sealed class BadName
    {
        [FlireoTool("1st")]
        public static void First()
        {
        }
    }

    public sealed class TooLongName
    {
        [FlireoTool("a_name_that_is_far_too_long_for_flireo_because_it_has_more_than_64_chars")]
        public static void Long()
        {
        }
    }

    public sealed class UnsupportedParameter
    {
        [FlireoTool]
        public static void Upload(Stream stream) => stream.Flush();
    }

    public sealed class InterfaceParameter
    {
        [FlireoTool]
        public static void Use(IFormattable value) => value.ToString();
    }

    public sealed class RefParameter
    {
        [FlireoTool]
        public static void Bump(ref int value) => value++;
    }

    public sealed class OutParameter
    {
        [FlireoTool]
        public static void Make(out int value) => value = 1;
    }

    public sealed class GenericMethod
    {
        [FlireoTool]
        public static T Echo<T>(T value) => value;
    }

    public sealed class AsyncReturningValue
    {
        [FlireoTool(Async = true)]
        public static Task<int> CountAsync() => Task.FromResult(1);
    }

    public sealed class NonPublicMethod
    {
        [FlireoTool]
        [Description("hidden")]
        internal static void Hidden()
        {
        }
    }

    public sealed class AsyncEnumerableReturn
    {
        [FlireoTool]
        public static async IAsyncEnumerable<int> StreamAsync()
        {
            await Task.CompletedTask;
            yield return 1;
        }
    }
}
