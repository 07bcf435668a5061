using System.Text.Json;
using System.Text.Json.Nodes;
using Namotion.Reflection;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.Generation.TypeMappers;

namespace Flireo.Tools.Schema;

/// <summary>Builds the JSON schema of a tool's arguments object from the parameters the model fills in.</summary>
/// <remarks>
/// NJsonSchema produces the per-type schemas with the same <see cref="JsonSerializerOptions"/> the binder uses, so
/// property names, enum spellings and nullability agree with what binding accepts. <see cref="SchemaNormalizer"/> then
/// rewrites its output into the shape models read (inline sub-schemas, type unions for null, closed objects), and
/// <see cref="StrictSchemaConverter"/> derives the strict variant. Meant for startup: reflection-heavy, and every call
/// builds the schema anew.
/// </remarks>
internal sealed class ToolSchemaGenerator
{
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly SystemTextJsonSchemaGeneratorSettings _settings;

    public ToolSchemaGenerator(JsonSerializerOptions serializerOptions)
    {
        ArgumentNullException.ThrowIfNull(serializerOptions);
        _serializerOptions = serializerOptions;
        _settings = new SystemTextJsonSchemaGeneratorSettings
        {
            SerializerOptions = serializerOptions,
            SchemaType = SchemaType.JsonSchema,
            // What is exported must equal what is served: no descriptions that depend on an XML file being deployed.
            UseXmlDocumentation = false,
            ResolveExternalXmlDocumentation = false,
            GenerateExamples = false,
            FlattenInheritanceHierarchy = true,
            GenerateAbstractProperties = true,
            // A property's description next to a $ref instead of a oneOf wrapper; the normaliser inlines both alike.
            AllowReferencesWithProperties = true,
        };

        // Types NJsonSchema describes by their CLR members rather than by their JSON.
        AddAnyValue(typeof(JsonNode));
        AddAnyValue(typeof(JsonValue));
        AddAnyValue(typeof(JsonDocument));
        _settings.TypeMappers.Add(new PrimitiveTypeMapper(typeof(JsonObject), s =>
        {
            s.Type = JsonObjectType.Object;
            s.AllowAdditionalProperties = true;
            s.AdditionalPropertiesSchema = new JsonSchema();
        }));
        _settings.TypeMappers.Add(new PrimitiveTypeMapper(typeof(JsonArray), s =>
        {
            s.Type = JsonObjectType.Array;
            s.Item = new JsonSchema();
        }));
        _settings.TypeMappers.Add(new PrimitiveTypeMapper(typeof(sbyte), s => s.Type = JsonObjectType.Integer));
        _settings.SchemaProcessors.Add(new ClrTypeSchemaProcessor());
    }

    /// <summary>Generates the <c>parameters</c> object of a tool.</summary>
    /// <param name="parameters">The model-supplied parameters, in method order.</param>
    /// <param name="strict">Whether to produce the strict variant (every property required, optional ones nullable).</param>
    /// <returns>A new <c>{"type":"object","properties":…}</c> schema.</returns>
    public JsonObject Generate(IReadOnlyList<ToolParameter> parameters, bool strict)
    {
        var normalized = Generate(parameters);
        return strict ? StrictSchemaConverter.Convert(normalized) : normalized;
    }

    /// <summary>Generates the <c>parameters</c> object of a tool and its strict variant with one reflection pass.</summary>
    /// <param name="parameters">The model-supplied parameters, in method order.</param>
    /// <returns>The schema and its strict variant.</returns>
    public (JsonObject Schema, JsonObject Strict) GenerateBoth(IReadOnlyList<ToolParameter> parameters)
    {
        var normalized = Generate(parameters);
        return (normalized, StrictSchemaConverter.Convert(normalized));
    }

    private JsonObject Generate(IReadOnlyList<ToolParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);

        var generator = new FlireoJsonSchemaGenerator(_settings);
        var root = new JsonSchema { Type = JsonObjectType.Object, AllowAdditionalProperties = false };
        var resolver = new JsonSchemaResolver(root, _settings);

        foreach (var parameter in parameters)
        {
            var contextualType = parameter.Parameter.ToContextualParameter().ParameterType;
            var typeDescription = _settings.ReflectionService.GetDescription(contextualType, _settings);
            var isNullable = typeDescription.IsNullable;
            var schema = generator.GenerateWithReferenceAndNullability<JsonSchemaProperty>(
                contextualType,
                isNullable,
                resolver,
                (property, _) =>
                {
                    generator.ApplyDataAnnotations(property, typeDescription);
                    if (!string.IsNullOrWhiteSpace(parameter.Description))
                    {
                        property.Description = parameter.Description;
                    }
                });

            if (!root.Properties.TryAdd(parameter.Name, schema))
            {
                throw new InvalidOperationException(
                    $"Parameter '{parameter.Parameter.Name}' of '{parameter.Parameter.Member.DeclaringType?.FullName}.{parameter.Parameter.Member.Name}' " +
                    $"has the JSON name '{parameter.Name}', which another parameter already uses. Give each parameter a distinct name.");
            }

            if (parameter.IsRequired)
            {
                root.RequiredProperties.Add(parameter.Name);
            }
        }

        var json = (JsonObject)JsonNode.Parse(root.ToJson())!;
        json["properties"] ??= new JsonObject();
        AddDefaults(json, parameters);
        var normalized = SchemaNormalizer.Normalize(json);
        if (normalized["required"] is JsonArray { Count: 0 })
        {
            normalized.Remove("required");
        }

        return normalized;
    }

    private void AddAnyValue(Type type) => _settings.TypeMappers.Add(new PrimitiveTypeMapper(type, _ => { }));

    private void AddDefaults(JsonObject root, IReadOnlyList<ToolParameter> parameters)
    {
        var properties = (JsonObject)root["properties"]!;
        foreach (var parameter in parameters)
        {
            if (!parameter.HasDefaultValue || parameter.DefaultValue is not { } value || properties[parameter.Name] is not JsonObject property)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (type.IsEnum && !value.GetType().IsEnum)
            {
                value = Enum.ToObject(type, value);
            }

            property["default"] = JsonSerializer.SerializeToNode(value, value.GetType(), _serializerOptions);
        }
    }
}
