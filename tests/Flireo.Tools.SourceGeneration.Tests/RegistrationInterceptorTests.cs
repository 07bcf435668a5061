using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.SourceGeneration.Tests;

/// <summary>The generator redirects tool registration calls to the generated catalog (scan-free, no trim or AOT warning) when the project allows interceptors.</summary>
public sealed class RegistrationInterceptorTests
{
    private const string Source = """
        using Flireo.Tools;
        using Flireo.Tools.Loading;
        namespace Sample;
        public sealed class ClockTools
        {
            [FlireoTool]
            public string Now(string city) => "12:00 in " + city;
        }
        public static class Plain
        {
            public static int Add(int a, int b) => a + b;
        }
        public sealed class NoTools
        {
            public int Add(int a, int b) => a + b;
        }
        public sealed record ClockSettings(string Zone);
        public sealed class ClockStartup : IFlireoToolsStartup
        {
            public void ConfigureServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton(new ClockSettings("UTC"));
        }
        public abstract class AbstractStartup : IFlireoToolsStartup
        {
            public void ConfigureServices(IServiceCollection services, IConfiguration configuration) => throw new InvalidOperationException("abstract");
        }
        internal sealed class InternalStartup : IFlireoToolsStartup
        {
            public void ConfigureServices(IServiceCollection services, IConfiguration configuration) => throw new InvalidOperationException("internal");
        }
        public sealed class ArgumentStartup(string name) : IFlireoToolsStartup
        {
            public void ConfigureServices(IServiceCollection services, IConfiguration configuration) => throw new InvalidOperationException(name);
        }
        public static class Registration
        {
            public static IFlireoToolsBuilder FromAssembly(IServiceCollection services) => services.AddFlireoTools().AddToolsFromAssemblyOf<NoTools>();
            public static IFlireoToolsBuilder OneClass(IServiceCollection services) => services.AddFlireoTools().AddTools<ClockTools>();
            public static IFlireoToolsBuilder ClassWithoutTools(IServiceCollection services) => services.AddFlireoTools().AddTools<NoTools>();
        }
        """;

    private static readonly Lazy<(TestCompilation Compilation, Assembly Assembly)> Intercepting = new(() =>
    {
        var compilation = TestCompilation.RunIntercepting("Intercepting", Source);
        return (compilation, compilation.Load());
    });

    [Fact]
    public void Generate_InterceptorsAllowed_RedirectsTheRegistrationCallsWhoseToolsTheCatalogLists()
    {
        var compilation = Intercepting.Value.Compilation;

        compilation.GeneratorDiagnostics.Should().BeEmpty();
        compilation.RegistrationSource.Should().Contain("GeneratedToolRegistration.AddToolsFromAssembly(builder, typeof(T).Assembly)")
            .And.Contain("GeneratedToolRegistration.AddTools(builder, typeof(T))")
            .And.Contain("// Source0.cs(");
        Interceptor(compilation, "FromAssembly").Should().Be("AddToolsFromAssemblyOf");
        Interceptor(compilation, "OneClass").Should().Be("AddTools");
        Interceptor(compilation, "ClassWithoutTools").Should().BeNull("a class the catalog does not list keeps the reflection path and its error");
    }

    [Fact]
    public void Generate_InterceptorsNotAllowed_WritesNoInterceptors()
    {
        var compilation = TestCompilation.Run("NotIntercepting", Source);

        compilation.GeneratedSource.Should().NotBeNull();
        compilation.RegistrationSource.Should().BeNull();
        compilation.CompileErrors.Should().BeEmpty();
    }

    [Fact]
    public void Generate_StartupClasses_ListsThoseTheScanRuns()
    {
        var catalog = GeneratedToolCatalog.For(Intercepting.Value.Assembly)!;

        catalog.Startups.Select(s => s.Type.FullName).Should().Equal("Sample.ClockStartup");
        catalog.Startups[0].Create().Should().BeOfType(catalog.Startups[0].Type);
    }

    [Theory]
    [InlineData("FromAssembly")]
    [InlineData("OneClass")]
    public void InterceptedRegistration_RegistersFromTheCatalogAndRunsTheStartupClass(string method)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        Registration(method)(services);

        using var provider = services.BuildServiceProvider();
        var tool = provider.GetRequiredService<ToolCatalog>().Tools.Should().ContainSingle().Subject;

        tool.Name.Should().Be("now");
        tool.Parameters.Select(p => p.Name).Should().Equal("city");
        services.Should().Contain(d => d.ServiceType == tool.ToolType && d.Lifetime == ServiceLifetime.Scoped);
        var settings = Intercepting.Value.Assembly.GetType("Sample.ClockSettings")!;
        services.Any(d => d.ServiceType == settings).Should().Be(method == "FromAssembly", "the assembly's startup class runs with the assembly, as on the reflection path");
    }

    [Fact]
    public void InterceptedRegistration_ClassWithoutTools_FailsAsTheReflectionPathDoes()
    {
        var act = () => Registration("ClassWithoutTools")(new ServiceCollection());

        act.Should().Throw<TargetInvocationException>().WithInnerException<FlireoToolsConfigurationException>()
            .Which.Problems.Should().ContainSingle().Which.Message.Should().StartWith("The class has no [FlireoTool] methods.");
    }

    [Fact]
    public void AddTools_ClassTheCatalogDoesNotList_ThrowsTheReflectionText()
    {
        var noTools = Intercepting.Value.Assembly.GetType("Sample.NoTools")!;

        var act = () => GeneratedToolRegistration.AddTools(new ServiceCollection().AddFlireoTools(), noTools);

        act.Should().Throw<FlireoToolsConfigurationException>().Which.Problems.Should().ContainSingle()
            .Which.Message.Should().Be("The class has no [FlireoTool] methods. Mark at least one public method with [FlireoTool] or do not register the class.");
    }

    [Fact]
    public void AddToolsFromAssembly_AssemblyWithoutCatalog_ThrowsNamingTheAssembly()
    {
        var act = () => GeneratedToolRegistration.AddToolsFromAssembly(new ServiceCollection().AddFlireoTools(), typeof(RegistrationInterceptorTests).Assembly);

        act.Should().Throw<FlireoToolsConfigurationException>().WithMessage("*'Flireo.Tools.SourceGeneration.Tests' has no generated tool catalog*");
    }

    [Fact]
    public async Task Suppressor_TrimAndAotWarningsAtInterceptedCalls_AreSuppressed()
    {
        var compilation = Intercepting.Value.Compilation.Output;
        var analyzers = System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new RequiresAnalyzer(), new InterceptedRegistrationSuppressor());

        var diagnostics = await compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true))
            .GetAnalyzerDiagnosticsAsync();

        var byCall = diagnostics.Where(d => d.Location.SourceTree?.FilePath == "Source0.cs")
            .Select(d => (Method: d.Location.SourceTree!.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().First().Identifier.ValueText, d.Id, d.IsSuppressed))
            .ToList();
        byCall.Should().BeEquivalentTo(new[]
        {
            ("FromAssembly", "IL2026", true), ("FromAssembly", "IL3050", true),
            ("OneClass", "IL2026", true), ("OneClass", "IL3050", true),
            ("ClassWithoutTools", "IL2026", false), ("ClassWithoutTools", "IL3050", false),
        });
    }

    private static Func<IServiceCollection, IFlireoToolsBuilder> Registration(string method)
    {
        var info = Intercepting.Value.Assembly.GetType("Sample.Registration")!.GetMethod(method)!;
        return services => (IFlireoToolsBuilder)info.Invoke(null, [services])!;
    }

    // The name of the method that replaces the registration call inside Registration.<method>, or null when it is not intercepted.
    private static string? Interceptor(TestCompilation compilation, string method)
    {
        var tree = compilation.Output.SyntaxTrees.First(t => t.FilePath == "Source0.cs");
        var invocation = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method)
            .DescendantNodes().OfType<InvocationExpressionSyntax>().First(i => i.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax });
        var interceptor = compilation.Output.GetSemanticModel(tree).GetInterceptorMethod(invocation);
        return interceptor is null ? null : interceptor.ContainingType.Name == "FlireoToolRegistrationInterceptors" ? interceptor.Name : "another interceptor";
    }

    // A stand-in for the trim and AOT analyzers, run only by this test (not shipped, so the rules for shipped analyzers do not apply).
#pragma warning disable RS1036, RS1041, RS2008
    /// <summary>Reports IL2026 and IL3050 at calls of members marked [RequiresUnreferencedCode] and [RequiresDynamicCode], at the member access as the trim analyzer does.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class RequiresAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor UnreferencedCode = new("IL2026", "Requires unreferenced code", "{0}", "Trimming", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        private static readonly DiagnosticDescriptor DynamicCode = new("IL3050", "Requires dynamic code", "{0}", "AOT", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [UnreferencedCode, DynamicCode];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    var invocation = (InvocationExpressionSyntax)c.Node;
                    if (c.SemanticModel.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method)
                    {
                        return;
                    }

                    foreach (var (attribute, descriptor) in new[] { ("RequiresUnreferencedCodeAttribute", UnreferencedCode), ("RequiresDynamicCodeAttribute", DynamicCode) })
                    {
                        if ((method.ReducedFrom ?? method).GetAttributes().Any(a => a.AttributeClass?.Name == attribute))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(descriptor, invocation.Expression.GetLocation(), method.Name));
                        }
                    }
                },
                SyntaxKind.InvocationExpression);
        }
    }
#pragma warning restore RS1036, RS1041, RS2008
}
