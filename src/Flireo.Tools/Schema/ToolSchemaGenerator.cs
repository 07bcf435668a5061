using System.Diagnostics.CodeAnalysis;
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
/// <see cref="StrictSchemaConverter"/> derives the strict variant. Meant for startup and reflection-heavy, so each
/// distinct parameter (see <see cref="ParameterSchemaKey"/>) is generated once and its normalised property schema copied
/// into every tool that has one like it, with that parameter's description and default value put in. A parameter whose
/// schema cannot be shared that way (a recursive type, a generic type with a definition of its own, an annotated
/// parameter of a complex type) makes its tool go through NJsonSchema as a whole, as if nothing were shared.
/// Not thread-safe: one instance serves one scan.
/// </remarks>
[RequiresUnreferencedCode(TrimmingMessages.SchemaReflection)]
[RequiresDynamicCode(TrimmingMessages.SchemaReflection)]
internal sealed class ToolSchemaGenerator
{
    // Stands in for a parameter's description while its shared schema is generated: no sentence end, so the normaliser
    // separates the notes it appends with ". ", and nothing a type's own schema could contain.
    private const string DescriptionPlaceholder = "FlireoParameterDescriptionPlaceholder";
    private const string NoteSeparator = ". ";

    private readonly JsonSerializerOptions _serializerOptions;
    private readonly SystemTextJsonSchemaGeneratorSettings _settings;
    private readonly FlireoJsonSchemaGenerator _generator;
    private readonly CachingReflectionService _reflection = new();
    private readonly bool _reuseParameterSchemas;

    // Null for a key whose schema cannot be shared.
    private readonly Dictionary<ParameterSchemaKey, JsonObject?> _propertySchemas = [];
    private readonly Dictionary<StrictSchemaKey, JsonObject?> _strictPropertySchemas = [];

    public ToolSchemaGenerator(JsonSerializerOptions serializerOptions)
        : this(serializerOptions, reuseParameterSchemas: true)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToolSchemaGenerator"/> class.</summary>
    /// <param name="serializerOptions">The options the binder uses.</param>
    /// <param name="reuseParameterSchemas">Whether to share property schemas between parameters; <see langword="false"/>
    /// generates every tool's parameters together, which tests use as the reference.</param>
    public ToolSchemaGenerator(JsonSerializerOptions serializerOptions, bool reuseParameterSchemas)
    {
        ArgumentNullException.ThrowIfNull(serializerOptions);
        _serializerOptions = serializerOptions;
        _reuseParameterSchemas = reuseParameterSchemas;
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
            ReflectionService = _reflection,
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
        _generator = new FlireoJsonSchemaGenerator(_settings);
    }

    /// <summary>Generates the <c>parameters</c> object of a tool.</summary>
    /// <param name="parameters">The model-supplied parameters, in method order.</param>
    /// <param name="strict">Whether to produce the strict variant (every property required, optional ones nullable).</param>
    /// <returns>A new <c>{"type":"object","properties":…}</c> schema.</returns>
    public JsonObject Generate(IReadOnlyList<ToolParameter> parameters, bool strict)
    {
        var (normalized, strictVariant) = GenerateBoth(parameters);
        return strict ? strictVariant : normalized;
    }

    /// <summary>Generates the schema of a whole type, normalised like tool parameters (inline sub-schemas, closed objects).</summary>
    /// <param name="type">The type, such as the record an analysis plan extracts.</param>
    /// <returns>A new schema.</returns>
    public JsonObject GenerateType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var raw = (JsonObject)JsonNode.Parse(_generator.Generate(type).ToJson())!;
        var normalized = SchemaNormalizer.Normalize(raw);
        if (normalized["required"] is JsonArray { Count: 0 })
        {
            normalized.Remove("required");
        }

        return normalized;
    }

    /// <summary>Generates the <c>parameters</c> object of a tool and its strict variant with one reflection pass.</summary>
    /// <param name="parameters">The model-supplied parameters, in method order.</param>
    /// <returns>The schema and its strict variant.</returns>
    public (JsonObject Schema, JsonObject Strict) GenerateBoth(IReadOnlyList<ToolParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_reuseParameterSchemas && Assemble(parameters) is { } assembled)
        {
            return assembled;
        }

        var normalized = GenerateTogether(parameters);
        return (normalized, StrictSchemaConverter.Convert(normalized));
    }

    // Both variants built from one shared property schema per parameter, or null when a parameter's schema cannot be
    // shared. They equal what GenerateTogether and StrictSchemaConverter.Convert return: both treat each root property
    // on its own (apart from $defs, which a shared property never needs) and order the root as type, properties,
    // required, additionalProperties.
    private (JsonObject Schema, JsonObject Strict)? Assemble(IReadOnlyList<ToolParameter> parameters)
    {
        var properties = new JsonObject();
        var strictProperties = new JsonObject();
        var required = new JsonArray();
        var strictShared = true;
        foreach (var parameter in parameters)
        {
            var key = ParameterSchemaKey.Create(parameter);
            if (SharedSchema(parameter, key) is not { } shared)
            {
                return null;
            }

            if (properties.ContainsKey(parameter.Name))
            {
                throw DuplicateName(parameter);
            }

            var hasDefault = TryGetDefault(parameter, out var defaultValue);
            properties.Add(parameter.Name, Complete(shared, parameter.Description, hasDefault, defaultValue));
            if (parameter.IsRequired)
            {
                required.Add((JsonNode?)JsonValue.Create(parameter.Name));
            }

            if (strictShared && SharedStrictSchema(shared, key, parameter.IsRequired, hasDefault, defaultValue) is { } strict)
            {
                strictProperties.Add(parameter.Name, Complete(strict, parameter.Description, hasDefault: false, defaultValue: null));
            }
            else
            {
                strictShared = false;
            }
        }

        var schema = Root(properties, required);
        if (!strictShared)
        {
            return (schema, StrictSchemaConverter.Convert(schema));
        }

        var allNames = new JsonArray();
        foreach (var (name, _) in strictProperties)
        {
            allNames.Add((JsonNode?)JsonValue.Create(name));
        }

        return (schema, Root(strictProperties, allNames));
    }

    private static JsonObject Root(JsonObject properties, JsonArray required)
    {
        var root = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            root["required"] = required;
        }

        root["additionalProperties"] = false;
        return root;
    }

    // A copy of a shared property schema with the parameter's own description and default value put in.
    private static JsonObject Complete(JsonObject shared, string? description, bool hasDefault, JsonNode? defaultValue)
    {
        var property = (JsonObject)shared.DeepClone();
        if (!string.IsNullOrWhiteSpace(description))
        {
            // The normaliser and the strict converter append their notes (TimeSpan format, integer enum values, folded
            // keywords) to the description with SchemaNormalizer.AppendDescription; appending the same notes to the
            // real description gives what they would have written.
            var described = property["description"]!.GetValue<string>();
            property["description"] = description;
            if (described.Length > DescriptionPlaceholder.Length)
            {
                SchemaNormalizer.AppendDescription(property, described[(DescriptionPlaceholder.Length + NoteSeparator.Length)..]);
            }
        }

        if (hasDefault)
        {
            SchemaNormalizer.SetOrdered(property, "default", defaultValue?.DeepClone());
        }

        return property;
    }

    private JsonObject? SharedSchema(ToolParameter parameter, ParameterSchemaKey key)
    {
        if (!_propertySchemas.TryGetValue(key, out var shared))
        {
            shared = CreateSharedSchema(parameter, key);
            _propertySchemas.Add(key, shared);
        }

        return shared;
    }

    // Generates the parameter alone, described by the placeholder when it has a description; null when the result
    // depends on more than the key (definitions that change with the place of use, or recursion needing $defs).
    private JsonObject? CreateSharedSchema(ToolParameter parameter, ParameterSchemaKey key)
    {
        var probe = new ToolParameter(parameter.Parameter, parameter.Name, key.HasDescription ? DescriptionPlaceholder : null, isRequired: false);
        JsonObject normalized;
        try
        {
            var (raw, resolver) = GenerateRaw([probe]);
            if (resolver.HasGenericDefinition || (key.HasSchemaAttributes && resolver.DefinitionCount > 0))
            {
                return null;
            }

            normalized = SchemaNormalizer.Normalize(raw);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // GenerateTogether reports it with the other parameters in context.
            return null;
        }

        if (normalized.ContainsKey("$defs") || normalized["properties"] is not JsonObject properties
            || !properties.Remove(parameter.Name, out var node) || node is not JsonObject property)
        {
            return null;
        }

        return !key.HasDescription || IsPlaceholderDescribed(property) ? property : null;
    }

    private JsonObject? SharedStrictSchema(JsonObject shared, ParameterSchemaKey key, bool isRequired, bool hasDefault, JsonNode? defaultValue)
    {
        var strictKey = new StrictSchemaKey(key, isRequired, hasDefault, defaultValue?.ToJsonString());
        if (!_strictPropertySchemas.TryGetValue(strictKey, out var strict))
        {
            strict = StrictSchemaConverter.ConvertParameter(Complete(shared, description: null, hasDefault, defaultValue), isRequired);
            if (key.HasDescription && !IsPlaceholderDescribed(strict))
            {
                strict = null;
            }

            _strictPropertySchemas.Add(strictKey, strict);
        }

        return strict;
    }

    // The placeholder must be the start of the top-level description and appear nowhere else, so that replacing it
    // cannot miss a copy.
    private static bool IsPlaceholderDescribed(JsonObject property) =>
        property["description"] is JsonValue value
        && value.TryGetValue(out string? described)
        && (described == DescriptionPlaceholder || described.StartsWith(DescriptionPlaceholder + NoteSeparator, StringComparison.Ordinal))
        && property.ToJsonString().Split(DescriptionPlaceholder).Length == 2;

    // How NJsonSchema sees the parameters all at once, the way tools were generated before per-parameter reuse, and still
    // the way for any tool with a parameter whose schema cannot be reused.
    private JsonObject GenerateTogether(IReadOnlyList<ToolParameter> parameters)
    {
        var (json, _) = GenerateRaw(parameters);
        json["properties"] ??= new JsonObject();
        var properties = (JsonObject)json["properties"]!;
        foreach (var parameter in parameters)
        {
            if (TryGetDefault(parameter, out var value) && properties[parameter.Name] is JsonObject property)
            {
                property["default"] = value;
            }
        }

        var normalized = SchemaNormalizer.Normalize(json);
        if (normalized["required"] is JsonArray { Count: 0 })
        {
            normalized.Remove("required");
        }

        return normalized;
    }

    private (JsonObject Raw, DefinitionTrackingResolver Resolver) GenerateRaw(IReadOnlyList<ToolParameter> parameters)
    {
        var root = new JsonSchema { Type = JsonObjectType.Object, AllowAdditionalProperties = false };
        var resolver = new DefinitionTrackingResolver(root, _settings);

        foreach (var parameter in parameters)
        {
            var contextualType = parameter.Parameter.ToContextualParameter().ParameterType;
            var typeDescription = _settings.ReflectionService.GetDescription(contextualType, _settings);
            var isNullable = typeDescription.IsNullable;
            var schema = _generator.GenerateWithReferenceAndNullability<JsonSchemaProperty>(
                contextualType,
                isNullable,
                resolver,
                (property, _) =>
                {
                    _generator.ApplyDataAnnotations(property, typeDescription);
                    if (!string.IsNullOrWhiteSpace(parameter.Description))
                    {
                        property.Description = parameter.Description;
                    }
                });

            if (!root.Properties.TryAdd(parameter.Name, schema))
            {
                throw DuplicateName(parameter);
            }

            if (parameter.IsRequired)
            {
                root.RequiredProperties.Add(parameter.Name);
            }
        }

        return ((JsonObject)JsonNode.Parse(root.ToJson())!, resolver);
    }

    private static InvalidOperationException DuplicateName(ToolParameter parameter) => new(
        $"Parameter '{parameter.Parameter.Name}' of '{parameter.Parameter.Member.DeclaringType?.FullName}.{parameter.Parameter.Member.Name}' " +
        $"has the JSON name '{parameter.Name}', which another parameter already uses. Give each parameter a distinct name.");

    private void AddAnyValue(Type type) => _settings.TypeMappers.Add(new PrimitiveTypeMapper(type, _ => { }));

    private bool TryGetDefault(ToolParameter parameter, out JsonNode? node)
    {
        node = null;
        if (!parameter.HasDefaultValue || parameter.DefaultValue is not { } value)
        {
            return false;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type.IsEnum && !value.GetType().IsEnum)
        {
            value = Enum.ToObject(type, value);
        }

        // An enum's name without serializer metadata for its type, which would cost a compiled converter per enum.
        node = _reflection.TryGetName(value, _serializerOptions) is { } name
            ? JsonValue.Create(name)
            : JsonSerializer.SerializeToNode(value, value.GetType(), _serializerOptions);
        return true;
    }

    // A strict property schema also depends on whether the parameter is required and on its default value, which strict
    // mode folds into the description.
    private readonly record struct StrictSchemaKey(ParameterSchemaKey Key, bool IsRequired, bool HasDefault, string? DefaultJson);
}
