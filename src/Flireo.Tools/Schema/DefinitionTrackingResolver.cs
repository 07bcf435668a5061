using NJsonSchema.Generation;

namespace Flireo.Tools.Schema;

/// <summary>Resolves schema references as NJsonSchema does and notes which types got a shared definition.</summary>
/// <remarks>
/// <see cref="ToolSchemaGenerator"/> reuses a parameter's schema only when each definition behind it is the same whichever
/// parameter first asked for it. That holds for a closed, non-generic type; the properties of a generic type take their
/// nullability from the type arguments at the place it is used.
/// </remarks>
/// <param name="rootObject">The root schema the definitions are added to.</param>
/// <param name="settings">The generator settings.</param>
internal sealed class DefinitionTrackingResolver(object rootObject, JsonSchemaGeneratorSettings settings) : JsonSchemaResolver(rootObject, settings)
{
    /// <summary>Gets the number of types that got a definition.</summary>
    public int DefinitionCount { get; private set; }

    /// <summary>Gets a value indicating whether a generic type got a definition.</summary>
    public bool HasGenericDefinition { get; private set; }

    public override void AddSchema(Type type, bool isIntegerEnumeration, NJsonSchema.JsonSchema schema)
    {
        base.AddSchema(type, isIntegerEnumeration, schema);
        DefinitionCount++;
        HasGenericDefinition |= type.IsGenericType;
    }
}
