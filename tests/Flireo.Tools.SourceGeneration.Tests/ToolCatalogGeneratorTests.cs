using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace Flireo.Tools.SourceGeneration.Tests;

public sealed class ToolCatalogGeneratorTests
{
    [Fact]
    public void Generate_ValidTool_WritesCatalogWithSchemaAsUtf8Literal()
    {
        var compilation = TestCompilation.Run("Valid", """
            using System.ComponentModel;
            using System.ComponentModel.DataAnnotations;
            using Flireo.Tools;
            namespace Sample;
            public sealed class OpeningHours
            {
                [FlireoTool(Description = "Tells whether the shop is open.", Message = "One moment.")]
                public string IsOpen([Description("The day")] DateOnly day, [Range(0, 23)] int hour = 12, CancellationToken cancellationToken = default) => "yes";
            }
            """);

        compilation.GeneratorDiagnostics.Should().BeEmpty();
        compilation.GeneratedSource.Should().Contain("[assembly: global::Flireo.Tools.SourceGeneration.FlireoGeneratedToolCatalogAttribute(typeof(global::Flireo.Tools.Generated.ToolCatalog_Valid))]");
        var tool = GeneratedToolCatalog.For(compilation.Load())!.Tools.Should().ContainSingle().Subject;
        tool.Name.Should().Be("is_open");
        tool.Description.Should().Be("Tells whether the shop is open.");
        tool.Attribute.Message.Should().Be("One moment.");
        tool.ModelParameters.Should().Equal("day", "hour");
        JsonDocument.Parse(tool.ParametersSchema.ToArray()).RootElement.GetRawText().Should().Be(
            """{"type":"object","properties":{"day":{"type":"string","description":"The day","format":"date"},"hour":{"type":"integer","minimum":0,"maximum":23,"default":12}},"required":["day"],"additionalProperties":false}""");
    }

    [Fact]
    public void Generate_TypeWithoutExactSchema_ReportsFLTG100AndLeavesTheSchemaToReflection()
    {
        var compilation = TestCompilation.Run("Records", """
            using Flireo.Tools;
            namespace Sample;
            public sealed record Booking(string Name, int Guests);
            public sealed class BookingTools
            {
                [FlireoTool]
                public string Book(Booking booking) => "ok";
            }
            """);

        compilation.GeneratorDiagnostics.Should().ContainSingle(d => d.Id == "FLTG100" && d.Severity == DiagnosticSeverity.Info)
            .Which.GetMessage().Should().Contain("'book'").And.Contain("Sample.Booking");
        var tool = GeneratedToolCatalog.For(compilation.Load())!.Tools.Should().ContainSingle().Subject;
        tool.HasParametersSchema.Should().BeFalse();
        tool.ModelParameters.Should().BeNull();
    }

    [Fact]
    public void Generate_NoFlireoToolsRuntime_WritesNoCatalog()
    {
        var compilation = TestCompilation.Run("NoTools", "namespace Sample; public sealed class Plain { public int Add(int a, int b) => a + b; }");

        compilation.GeneratedSource.Should().BeNull();
        compilation.GeneratorDiagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Generate_InvalidTools_ReportsWhatTheScannerReportsAtStartupWithTheSameText()
    {
        var compilation = TestCompilation.Run("Invalid", """
            using Flireo.Tools;
            namespace Sample;
            public abstract class AbstractTools
            {
                [FlireoTool] public string Instance() => "x";
            }
            public sealed class InvalidTools
            {
                [FlireoTool("9 bad name")] public string BadName() => "x";
                [FlireoTool] internal string Hidden() => "x";
                [FlireoTool] public string Generic<T>(T value) => "x";
                [FlireoTool(TimeoutSeconds = -1)] public string NegativeTimeout() => "x";
                [FlireoTool(HandOffMessage = "Still busy.")] public string MessageWithoutHandOff() => "x";
                [FlireoTool(HandOffAfterSeconds = 5, TimeoutSeconds = 3)] public string ShortTimeout() => "x";
                [FlireoTool(HandOffAfterSeconds = 5, Async = true)] public Task AsyncHandOff() => Task.CompletedTask;
                [FlireoTool] public string ByRef(ref int count) => "x";
                [FlireoTool] public string RefLike(Span<int> values) => "x";
                [FlireoTool] public string SameJsonName(string Name, string name) => "x";
                [FlireoTool] public IAsyncEnumerable<int> Stream() => throw new NotSupportedException();
                [FlireoTool(AnnounceResult = true)] public string AnnounceSync() => "x";
                [FlireoTool(Async = true)] public Task<int> AsyncValue() => Task.FromResult(1);
                [FlireoTool] public string ValidOne() => "x";
            }
            public sealed class DuplicateTools
            {
                [FlireoTool("valid_one")] public string Other() => "x";
            }
            """);
        var assembly = compilation.Load();
        var toolTypes = assembly.GetTypes().Where(t => t.Namespace == "Sample").ToList();

        var startup = () => ToolCatalog.Create(toolTypes);

        var problems = startup.Should().Throw<FlireoToolsConfigurationException>().Which.Problems.Select(p => p.Message).ToList();
        var diagnostics = compilation.GeneratorDiagnostics.Select(d => d.GetMessage()).ToList();
        diagnostics.Should().BeEquivalentTo(problems);
        compilation.GeneratorDiagnostics.Select(d => d.Id).Distinct().Order().Should().Equal(
            "FLTG001", "FLTG002", "FLTG003", "FLTG004", "FLTG005", "FLTG006", "FLTG007", "FLTG008", "FLTG009", "FLTG010", "FLTG011", "FLTG012", "FLTG013");
        compilation.GeneratorDiagnostics.Should().OnlyContain(d => d.Location.GetLineSpan().Path == "Source0.cs" && d.Location.GetLineSpan().StartLinePosition.Line > 0);
    }

    [Fact]
    public void Generate_ParameterNullability_IsWhatNullabilityInfoContextReads()
    {
        var compilation = TestCompilation.Run("Nullability", """
            using System.Diagnostics.CodeAnalysis;
            using Flireo.Tools;
            namespace Sample;
            public sealed class NoteTools
            {
                [FlireoTool]
                public string Note(string text, string? tag, [AllowNull] string author, [DisallowNull] string? topic, int? count, int page, string[]? labels, CancellationToken cancellationToken) => text;
            #nullable disable
                [FlireoTool]
                public string Legacy(string text, int? count) => text;
            #nullable restore
            }
            """);

        var tools = GeneratedToolCatalog.For(compilation.Load())!.Tools;

        tools.Should().HaveCount(2);
        foreach (var tool in tools)
        {
            var expected = tool.FindMethod()!.GetParameters()
                .Select(p => Nullable.GetUnderlyingType(p.ParameterType) is not null
                    || (!p.ParameterType.IsValueType && new System.Reflection.NullabilityInfoContext().Create(p).WriteState == System.Reflection.NullabilityState.Nullable));
            tool.Call!.AcceptsNull.Should().Equal(expected, tool.Name);
        }

        tools.Single(t => t.Name == "note").Call!.AcceptsNull.Should().Equal(false, true, true, false, true, false, true, false);
    }
}
