using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Invocation;

namespace Flireo.Tools.Schema;

/// <summary>Generates the schemas of one scan's tools when they are first read, sharing one generator and its caches.</summary>
/// <remarks>
/// The router never reads schemas, so a server answers its first webhook without loading the schema generator; the
/// export, the CLI and the test kit generate them on first use. Thread-safe: the generator is used under a lock.
/// </remarks>
[RequiresUnreferencedCode(TrimmingMessages.SchemaReflection)]
[RequiresDynamicCode(TrimmingMessages.SchemaReflection)]
internal sealed class ToolSchemaSource(JsonSerializerOptions options)
{
    private readonly Lock _gate = new();
    private readonly JsonSerializerOptions _options = options;
    private ToolSchemaGenerator? _generator;

    /// <summary>Generates a tool's schema and its strict variant.</summary>
    /// <param name="method">The tool method, named in the error.</param>
    /// <param name="parameters">The parameters the model fills in.</param>
    /// <returns>Both schemas.</returns>
    /// <exception cref="FlireoToolsConfigurationException">No schema can be generated for the parameters.</exception>
    public (JsonElement Schema, JsonElement Strict) Generate(MethodInfo method, IReadOnlyList<ToolParameter> parameters)
    {
        lock (_gate)
        {
            try
            {
                _generator ??= new ToolSchemaGenerator(_options);
                var (schema, strict) = _generator.GenerateBoth(parameters);
                return (ToElement(schema), ToElement(strict));
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
            {
                throw new FlireoToolsConfigurationException([new ToolProblem(method.DeclaringType, method, $"No JSON schema could be generated for the parameters: {ex.Message}")]);
            }
        }
    }

    /// <summary>Reads a schema the source generator wrote and derives its strict variant.</summary>
    /// <param name="schema">The normalised schema as UTF-8 JSON.</param>
    /// <returns>Both schemas.</returns>
    public static (JsonElement Schema, JsonElement Strict) FromGenerated(byte[] schema)
    {
        var normalized = JsonNode.Parse(schema)!.AsObject();
        return (ToElement(normalized), ToElement(StrictSchemaConverter.Convert(normalized)));
    }

    private static JsonElement ToElement(JsonObject node) => JsonSerializer.SerializeToElement(node, ToolJson.NodeTypeInfo);
}
