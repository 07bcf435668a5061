using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flireo.Tools.SourceGeneration;

/// <summary>Writes the catalog of an assembly's <c>[FlireoTool]</c> methods at compile time.</summary>
/// <remarks>
/// The catalog (one internal class, named by an assembly attribute) holds each tool's <c>[FlireoTool]</c> settings, name,
/// description and the JSON schema of its parameters as a UTF-8 literal. <c>AddToolsFromAssemblyOf&lt;T&gt;()</c> finds it through
/// that attribute instead of scanning the assembly's types. The problems the reflection scanner would report at startup are
/// reported here as FLTG diagnostics.
/// </remarks>
[Generator(LanguageNames.CSharp)]
internal sealed class ToolCatalogGenerator : IIncrementalGenerator
{
    private const string AttributeName = "Flireo.Tools.FlireoToolAttribute";
    private const string CatalogBase = "Flireo.Tools.SourceGeneration.GeneratedToolCatalog";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var tools = context.SyntaxProvider.ForAttributeWithMetadataName(
            AttributeName,
            static (node, _) => node is MethodDeclarationSyntax,
            static (syntax, cancellationToken) => ToolModelBuilder.Build((IMethodSymbol)syntax.TargetSymbol, syntax.Attributes[0], cancellationToken));

        var target = context.CompilationProvider.Select(static (compilation, _) =>
            (compilation.AssemblyName ?? "Tools", compilation.GetTypeByMetadataName(CatalogBase) is not null));

        // The IFlireoToolsStartup classes the catalog lists, so registering from it runs them without scanning.
        var startups = context.SyntaxProvider.CreateSyntaxProvider(
            static (node, _) => StartupModel.IsCandidate(node),
            static (syntax, cancellationToken) => StartupModel.Build(syntax, cancellationToken));

        // The AddToolsFromAssemblyOf<T>() and AddTools<T>() calls to redirect to the catalog, when the project allows it.
        var interceptEnabled = context.ParseOptionsProvider.Select(static (options, _) => RegistrationInterceptors.IsEnabled(options));
        var calls = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => RegistrationInterceptors.IsCandidate(node),
                static (syntax, cancellationToken) => RegistrationInterceptors.Build(syntax, cancellationToken))
            .Combine(interceptEnabled)
            .Where(static pair => pair.Left is not null && pair.Right)
            .Select(static (pair, _) => pair.Left!);

        var everything = tools.Collect().Combine(target).Combine(startups.Collect()).Combine(calls.Collect());
        context.RegisterSourceOutput(everything, static (production, input) =>
        {
            var (((results, (assemblyName, hasRuntime)), startupModels), registrationCalls) = input;
            foreach (var diagnostic in results.SelectMany(r => r.Diagnostics))
            {
                production.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            var models = results.Where(r => r.Tool is not null && r.Diagnostics.All(d => d.Id == Diagnostics.SchemaFromReflection.Id))
                .Select(r => r.Tool!)
                .OrderBy(t => t.Location?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(t => t.Location?.Span.Start ?? 0)
                .ToList();
            // Two tools of one name fail AddToolsFromAssemblyOf at startup; classes registered one by one may still share a
            // name with a class never registered next to them, so this is a warning and both stay in the catalog.
            var byName = new Dictionary<string, ToolModel>(System.StringComparer.Ordinal);
            foreach (var model in models)
            {
                if (byName.TryGetValue(model.Name, out var existing))
                {
                    production.ReportDiagnostic(Diagnostic.Create(
                        Diagnostics.DuplicateName,
                        model.Location?.ToLocation(),
                        $"The tool name '{model.Name}' is already used by {existing.ToolTypeFullName}.{existing.MethodName}. Tool names must be unique: give one of them another name with [FlireoTool(\"other_name\")]."));
                    continue;
                }

                byName.Add(model.Name, model);
            }

            // Without a Flireo.Tools that reads generated catalogs there is nothing to write; the diagnostics still hold.
            var writesCatalog = hasRuntime && models.Count > 0;
            if (writesCatalog)
            {
                var startupList = startupModels.Where(m => m is not null).Select(m => m!).Distinct().OrderBy(m => m.FullName, System.StringComparer.Ordinal).ToList();
                production.AddSource("FlireoToolCatalog.g.cs", CatalogEmitter.Emit(assemblyName, models, startupList));
            }

            if (hasRuntime && RegistrationInterceptors.Emit(registrationCalls, new HashSet<string>(writesCatalog ? models.Select(m => m.ToolType) : Enumerable.Empty<string>())) is { } interceptors)
            {
                production.AddSource("FlireoToolRegistration.g.cs", interceptors);
            }
        });
    }
}
