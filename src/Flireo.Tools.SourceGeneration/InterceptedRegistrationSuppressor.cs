using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flireo.Tools.SourceGeneration;

/// <summary>Suppresses the trim and AOT analyzers' warnings at the tool registration calls the generator intercepted.</summary>
/// <remarks>
/// The analyzers see the call as written (<c>[RequiresUnreferencedCode]</c> <c>AddToolsFromAssemblyOf&lt;T&gt;()</c>), not the
/// generated interceptor that replaces it (dotnet/roslyn#68669), so, as the configuration binding generator does, the
/// generator ships a suppressor: IL2026 and IL3050 are suppressed where the call they are reported at is intercepted by
/// <c>FlireoToolRegistrationInterceptors</c>. The native compiler sees the interceptor and has nothing to report.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class InterceptedRegistrationSuppressor : DiagnosticSuppressor
{
    private const string Justification = "The call is intercepted by a generated registration that takes the tools from the generated catalog without reflection.";

    private static readonly SuppressionDescriptor UnreferencedCode = new("FLTGSUPPRESS001", "IL2026", Justification);
    private static readonly SuppressionDescriptor DynamicCode = new("FLTGSUPPRESS002", "IL3050", Justification);

    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(UnreferencedCode, DynamicCode);

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var descriptor = diagnostic.Id == UnreferencedCode.SuppressedDiagnosticId ? UnreferencedCode
                : diagnostic.Id == DynamicCode.SuppressedDiagnosticId ? DynamicCode
                : null;
            if (descriptor is not null
                && (IsIntercepted(context, diagnostic.Location) || (diagnostic.AdditionalLocations.Count > 0 && IsIntercepted(context, diagnostic.AdditionalLocations[0]))))
            {
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }

    // The innermost call at the warning's location (the analyzers report at the call or at its member access) is one the
    // generator intercepted.
    private static bool IsIntercepted(SuppressionAnalysisContext context, Location location)
    {
        if (location.SourceTree is not { } tree
            || tree.GetRoot(context.CancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault() is not { } invocation)
        {
            return false;
        }

        return context.GetSemanticModel(tree).GetInterceptorMethod(invocation, context.CancellationToken) is
        {
            ContainingType: { Name: RegistrationInterceptors.ClassName, ContainingNamespace: { } ns },
        } && ns.ToDisplayString() == RegistrationInterceptors.Namespace;
    }
}
