using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flireo.Tools.SourceGeneration;

/// <summary>An <c>IFlireoToolsStartup</c> class the generated catalog lists, as the reflection scan would find it.</summary>
/// <param name="FullName">The class's name as reflection's <c>Type.FullName</c> writes it (the order the scan runs them in).</param>
/// <param name="TypeOperand">The class as a <c>typeof</c> operand.</param>
internal sealed record StartupModel(string FullName, string TypeOperand)
{
    private const string StartupInterface = "Flireo.Tools.Loading.IFlireoToolsStartup";

    public static bool IsCandidate(SyntaxNode node) => node is ClassDeclarationSyntax { BaseList: not null } or RecordDeclarationSyntax { BaseList: not null };

    /// <summary>Returns the class when the scan would run it: public, top-level, concrete, not generic, with a public parameterless constructor.</summary>
    public static StartupModel? Build(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol
            {
                TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false, ContainingType: null, DeclaredAccessibility: Accessibility.Public,
            } type
            || !type.AllInterfaces.Any(i => i.ToDisplayString() == StartupInterface)
            || !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
        {
            return null;
        }

        return new StartupModel(ToolModelBuilder.ReflectionFullName(type), ToolModelBuilder.TypeOfOperand(type));
    }
}
