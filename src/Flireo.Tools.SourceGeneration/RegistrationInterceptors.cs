using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flireo.Tools.SourceGeneration;

/// <summary>One <c>AddToolsFromAssemblyOf&lt;T&gt;()</c> or <c>AddTools&lt;T&gt;()</c> call the generator may redirect to the generated catalog.</summary>
/// <param name="Method">The called method's name.</param>
/// <param name="ToolType">The type argument as a <c>typeof</c> operand.</param>
/// <param name="InThisAssembly">Whether the type argument is declared in the compilation being built.</param>
/// <param name="AssemblyHasCatalog">Whether the type argument's (referenced) assembly carries a generated catalog.</param>
/// <param name="Version">The interceptable location's version.</param>
/// <param name="Data">The interceptable location's data.</param>
/// <param name="Display">Where the call is, for the generated comment.</param>
internal sealed record RegistrationCall(string Method, string ToolType, bool InThisAssembly, bool AssemblyHasCatalog, int Version, string Data, string Display);

/// <summary>Finds the tool registration calls of a compilation and writes the interceptors that register from the generated catalog.</summary>
/// <remarks>
/// As the configuration binding generator and ASP.NET Core's request delegate generator do for their reflection-based
/// APIs: a call to <c>[RequiresUnreferencedCode]</c> <c>AddToolsFromAssemblyOf&lt;T&gt;()</c> or <c>AddTools&lt;T&gt;()</c>
/// whose tools are in a generated catalog is replaced at compile time by a call to <c>GeneratedToolRegistration</c>,
/// which registers from the catalog without scanning, so a trimmed or Native AOT app gets no warning there. Interceptors
/// are written only when the project lists the <c>Flireo.Tools.Generated</c> namespace in <c>InterceptorsNamespaces</c>
/// (the Flireo.Tools package does for trimmed and Native AOT apps, or with <c>FlireoInterceptToolRegistration</c>).
/// </remarks>
internal static class RegistrationInterceptors
{
    public const string Namespace = "Flireo.Tools.Generated";
    public const string ClassName = "FlireoToolRegistrationInterceptors";
    public const string AssemblyOf = "AddToolsFromAssemblyOf";
    public const string OneClass = "AddTools";
    private const string Extensions = "Microsoft.Extensions.DependencyInjection.FlireoToolsBuilderExtensions";
    private const string CatalogAttribute = "Flireo.Tools.SourceGeneration.FlireoGeneratedToolCatalogAttribute";

    public static bool IsCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } name } }
        && name.Identifier.ValueText is AssemblyOf or OneClass;

    public static RegistrationCall? Build(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { TypeArguments.Length: 1 } method
            || (method.ReducedFrom ?? method).ContainingType?.ToDisplayString() != Extensions
            || method.TypeArguments[0] is not INamedTypeSymbol { IsUnboundGenericType: false } type
            || type.TypeArguments.Length > 0
            || context.SemanticModel.GetInterceptableLocation(invocation, cancellationToken) is not { } location)
        {
            return null;
        }

        var assembly = type.ContainingAssembly;
        var inThisAssembly = SymbolEqualityComparer.Default.Equals(assembly, context.SemanticModel.Compilation.Assembly);
        var hasCatalog = !inThisAssembly && assembly is not null
            && assembly.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == CatalogAttribute);

        // AddTools<T>() of another assembly is redirected only when T declares tool methods, which its catalog then lists.
        if (method.Name == OneClass && hasCatalog && !type.GetMembers().OfType<IMethodSymbol>().Any(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Flireo.Tools.FlireoToolAttribute")))
        {
            hasCatalog = false;
        }

        // The file name and position only, so the generated text does not depend on where the project lies.
        var display = location.GetDisplayLocation();
        var position = display.LastIndexOf('(');
        display = position > 0 ? display.Substring(display.LastIndexOfAny(['/', '\\'], position) + 1) : display;
        return new RegistrationCall(method.Name, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), inThisAssembly, hasCatalog, location.Version, location.Data, display);
    }

    /// <summary>Tells whether the project lets the generator's namespace intercept calls.</summary>
    public static bool IsEnabled(ParseOptions options) =>
        options.Features.Where(f => f.Key is "InterceptorsNamespaces" or "InterceptorsPreviewNamespaces")
            .SelectMany(f => f.Value.Split(';'))
            .Any(n => n.Trim() == Namespace);

    /// <summary>Writes the interceptors of the calls whose tools the catalogs list, or returns <see langword="null"/> when there are none.</summary>
    /// <param name="calls">The registration calls of the compilation.</param>
    /// <param name="catalogTypes">The tool classes of this compilation's catalog (empty when it writes none).</param>
    public static string? Emit(IEnumerable<RegistrationCall> calls, ISet<string> catalogTypes)
    {
        var intercepted = calls
            .Where(c => c.InThisAssembly ? catalogTypes.Count > 0 && (c.Method == AssemblyOf || catalogTypes.Contains(c.ToolType)) : c.AssemblyHasCatalog)
            .OrderBy(c => c.Display, System.StringComparer.Ordinal)
            .ToList();
        if (intercepted.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder();
        builder.AppendLine("// <auto-generated/>");
        builder.AppendLine("#nullable enable");
        builder.AppendLine();
        builder.AppendLine($"namespace {Namespace}");
        builder.AppendLine("{");
        builder.AppendLine("    /// <summary>Registers tools from the generated catalogs instead of scanning, at the calls listed; written by Flireo.Tools.SourceGeneration.</summary>");
        builder.AppendLine("    [global::System.CodeDom.Compiler.GeneratedCode(\"Flireo.Tools.SourceGeneration\", \"1.0\")]");
        builder.AppendLine($"    file static class {ClassName}");
        builder.AppendLine("    {");
        var assemblyCalls = intercepted.Where(c => c.Method == AssemblyOf).ToList();
        if (assemblyCalls.Count > 0)
        {
            AppendLocations(builder, assemblyCalls);
            builder.AppendLine("        public static global::Flireo.Tools.IFlireoToolsBuilder AddToolsFromAssemblyOf<T>(this global::Flireo.Tools.IFlireoToolsBuilder builder)");
            builder.AppendLine("            => global::Flireo.Tools.SourceGeneration.GeneratedToolRegistration.AddToolsFromAssembly(builder, typeof(T).Assembly);");
        }

        var classCalls = intercepted.Where(c => c.Method == OneClass).ToList();
        if (classCalls.Count > 0)
        {
            if (assemblyCalls.Count > 0)
            {
                builder.AppendLine();
            }

            AppendLocations(builder, classCalls);
            builder.AppendLine("        public static global::Flireo.Tools.IFlireoToolsBuilder AddTools<[global::System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(global::System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicMethods | global::System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this global::Flireo.Tools.IFlireoToolsBuilder builder)");
            builder.AppendLine("            => global::Flireo.Tools.SourceGeneration.GeneratedToolRegistration.AddTools(builder, typeof(T));");
        }

        builder.AppendLine("    }");
        builder.AppendLine("}");
        builder.AppendLine();
        builder.AppendLine("namespace System.Runtime.CompilerServices");
        builder.AppendLine("{");
        builder.AppendLine("    [global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
        builder.AppendLine("    file sealed class InterceptsLocationAttribute : global::System.Attribute");
        builder.AppendLine("    {");
        builder.AppendLine("        public InterceptsLocationAttribute(int version, string data)");
        builder.AppendLine("        {");
        builder.AppendLine("        }");
        builder.AppendLine("    }");
        builder.AppendLine("}");
        return builder.ToString();
    }

    private static void AppendLocations(StringBuilder builder, IEnumerable<RegistrationCall> calls)
    {
        foreach (var call in calls)
        {
            builder.AppendLine($"        // {call.Display}: {call.Method}<{call.ToolType}>()");
            builder.AppendLine($"        [global::System.Runtime.CompilerServices.InterceptsLocation({call.Version}, {SymbolDisplay.FormatLiteral(call.Data, quote: true)})]");
        }
    }
}
