using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flireo.Tools.Schema;
using Flireo.Tools.SourceGeneration;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Invocation;

/// <summary>Reflects over tool classes once and builds their descriptors, collecting every problem it finds.</summary>
[RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
[RequiresDynamicCode(TrimmingMessages.ToolReflection)]
internal sealed class ToolScanner
{
    private readonly JsonSerializerOptions _options;
    private readonly IServiceProviderIsService? _services;
    private ToolSchemaSource? _schemas;
    private readonly List<ToolProblem> _problems = [];
    private readonly IReadOnlyDictionary<MethodInfo, GeneratedTool> _generated;
    private readonly bool _generatedSchemasApply;
    private readonly bool _generatedContractsApply;
    private readonly bool _reflectionJson;

    public ToolScanner(JsonSerializerOptions options, IServiceProviderIsService? services)
        : this(options, services, new Dictionary<MethodInfo, GeneratedTool>())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToolScanner"/> class that takes what it can from generated catalogs.</summary>
    /// <param name="options">The options the binder uses.</param>
    /// <param name="services">Tells which parameter types are services, or <see langword="null"/>.</param>
    /// <param name="generated">The tools of source-generated catalogs by method; their settings replace the attribute's,
    /// and their schemas the reflection ones where the options and the parameters are the ones the generator assumed.</param>
    public ToolScanner(JsonSerializerOptions options, IServiceProviderIsService? services, IReadOnlyDictionary<MethodInfo, GeneratedTool> generated)
    {
        _options = options;
        _services = services;
        _generated = generated;
        _generatedSchemasApply = generated.Count > 0 && ToolJson.HasDefaultSchemaSettings(options);
        _generatedContractsApply = generated.Count > 0 && ToolJson.HasDefaultConverters(options);
        _reflectionJson = options.TypeInfoResolverChain.Any(static r => r is DefaultJsonTypeInfoResolver);
    }

    public IReadOnlyList<ToolProblem> Problems => _problems;

    /// <summary>Tells whether a type declares at least one tool method.</summary>
    public static bool HasToolMethods(Type type)
        => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Any(m => m.IsDefined(typeof(FlireoToolAttribute), inherit: false));

    public List<ToolDescriptor> Scan(IEnumerable<Type> toolTypes)
    {
        var tools = new List<ToolDescriptor>();
        var byName = new Dictionary<string, ToolDescriptor>(StringComparer.Ordinal);
        foreach (var type in toolTypes.Distinct())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                _generated.TryGetValue(method, out var generated);
                if ((generated?.Attribute ?? method.GetCustomAttribute<FlireoToolAttribute>(inherit: false)) is not { } attribute)
                {
                    continue;
                }

                if (TryDescribe(type, method, attribute, generated) is not { } tool)
                {
                    continue;
                }

                if (byName.TryGetValue(tool.Name, out var existing))
                {
                    Problem(type, method, $"The tool name '{tool.Name}' is already used by {existing.ToolType.FullName}.{existing.Method.Name}. Tool names must be unique: give one of them another name with [FlireoTool(\"other_name\")].");
                    continue;
                }

                byName.Add(tool.Name, tool);
                tools.Add(tool);
            }
        }

        tools.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return tools;
    }

    private ToolDescriptor? TryDescribe(Type type, MethodInfo method, FlireoToolAttribute attribute, GeneratedTool? generated)
    {
        var problemsBefore = _problems.Count;
        var name = attribute.Name ?? ToolNaming.Derive(method.Name);
        if (!ToolNaming.IsValid(name))
        {
            Problem(type, method, $"The tool name '{name}' is invalid: it must match {ToolNaming.Pattern} (start with a letter or underscore; letters, digits, '_' and '-'; at most 64 characters). Set a valid name with [FlireoTool(\"valid_name\")].");
        }

        if (!method.IsPublic)
        {
            Problem(type, method, "Tool methods must be public. Make the method public or remove [FlireoTool].");
        }

        if (method.IsGenericMethodDefinition || method.ContainsGenericParameters || type.ContainsGenericParameters)
        {
            Problem(type, method, "Tool methods cannot be generic (open generic types have no JSON schema). Use concrete types.");
            return null;
        }

        if (!method.IsStatic && (type.IsAbstract || type.IsInterface))
        {
            Problem(type, method, "Instance tool methods must be on a concrete class. Make the class non-abstract or the method static.");
        }

        if (attribute.TimeoutSeconds < 0 || double.IsNaN(attribute.TimeoutSeconds) || double.IsInfinity(attribute.TimeoutSeconds))
        {
            Problem(type, method, "TimeoutSeconds must be a positive number of seconds (or 0 for the global limit).");
        }

        if (attribute.Example is { } example && !IsJsonObject(example))
        {
            Problem(type, method, "Example must be the tool's arguments as a JSON object, e.g. Example = \"{\\\"guests\\\":2}\".");
        }

        CheckHandOff(type, method, attribute);

        var parameters = method.GetParameters();
        var acceptsNull = generated?.Call?.AcceptsNull is { } facts && facts.Count == parameters.Length ? facts : null;
        var validators = generated?.Call?.Validators is { } written && written.Count == parameters.Length ? written : null;
        var bindings = new ParameterBinding[parameters.Length];
        var models = new List<ToolParameter>();
        var jsonNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Length; i++)
        {
            var binding = Bind(type, method, parameters[i], acceptsNull?[i], validators?[i]);
            if (binding is null)
            {
                continue;
            }

            bindings[i] = binding;
            if (binding.Model is { } model)
            {
                if (!jsonNames.Add(model.Name))
                {
                    Problem(type, method, $"Two parameters have the JSON name '{model.Name}'. Rename one of them.");
                }

                models.Add(model);
            }
        }

        ToolInvoker? invoker = null;
        if (_problems.Count == problemsBefore)
        {
            // The generated catalog's direct call and JSON contracts replace the compiled expression and reflection binding.
            if (generated?.Call is { } call)
            {
                invoker = ToolInvoker.FromGenerated(method, call);
                UseGeneratedContracts(call, parameters, bindings);
            }
            else
            {
                invoker = ToolInvoker.Create(method);
            }

            CheckReturnType(type, method, attribute, invoker.ValueType);
        }

        if (_problems.Count != problemsBefore)
        {
            return null;
        }

        var description = generated is null ? attribute.Description ?? method.GetCustomAttribute<DescriptionAttribute>()?.Description : generated.Description;
        Func<(JsonElement, JsonElement)> generate;
        if (GeneratedSchema(generated, models) is { } schema)
        {
            generate = () => ToolSchemaSource.FromGenerated(schema);
        }
        else if (ReflectionSchemas.IsSupported)
        {
            var schemas = _schemas ??= new ToolSchemaSource(_options);
            generate = () => schemas.Generate(method, models);
        }
        else
        {
            Problem(type, method, SchemaMissing(generated));
            return null;
        }

        return new ToolDescriptor(name, description, method, attribute, models, generate, invoker!.ValueType, invoker, bindings);
    }

    // A contract is the generator's reading of the parameter type with the default options' converters; it holds when the
    // options pick those converters and the parameter is one the model fills in here too.
    private void UseGeneratedContracts(GeneratedToolCall call, ParameterInfo[] parameters, ParameterBinding[] bindings)
    {
        if (!_generatedContractsApply)
        {
            return;
        }

        var contracts = call.CreateParameterTypes(_options);
        if (contracts.Length != parameters.Length)
        {
            return;
        }

        for (var i = 0; i < bindings.Length; i++)
        {
            if (bindings[i] is { Source: ParameterSource.Model } binding && contracts[i] is { } contract && contract.Type == binding.Type)
            {
                binding.TypeInfo = contract;
            }
        }
    }

    // The generator assumed the default serializer options and took interface and abstract parameters for services; its schema
    // holds when both are so here.
    private byte[]? GeneratedSchema(GeneratedTool? generated, List<ToolParameter> models)
    {
        if (!_generatedSchemasApply || generated is not { HasParametersSchema: true, ModelParameters: { } names } || names.Count != models.Count)
        {
            return null;
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (!string.Equals(names[i], models[i].Name, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return generated.ParametersSchema.ToArray();
    }

    // In a trimmed or Native AOT app (no schema generator), why this tool has no schema and what to do.
    private string SchemaMissing(GeneratedTool? generated)
    {
        var why = generated is null
            ? "its assembly has no generated tool catalog (or the catalog does not list it, or Flireo:UseGeneratedToolCatalog is false)"
            : !generated.HasParametersSchema
                ? "the source generator could not write its schema (see its FLTG100 message)"
                : !_generatedSchemasApply
                    ? "FlireoToolsOptions.SerializerOptions differ from the defaults the generated schema assumes"
                    : "its parameters differ from the ones the generated schema lists (a parameter the generator took for a service is not registered as one, or the other way round)";
        return $"The tool has no parameter schema: {why}, and schemas are not generated by reflection in a trimmed or Native AOT app. Fix that, or set the MSBuild property FlireoReflectionSchemas to true to keep the reflection schema generator (docs/native-aot.md).";
    }

    // acceptsNull and validators: what the generated catalog wrote for the parameter, or null to read it by reflection.
    private ParameterBinding? Bind(Type type, MethodInfo method, ParameterInfo parameter, bool? acceptsNull, ValidationAttribute[]? validators)
    {
        var parameterType = parameter.ParameterType;
        if (parameterType.IsByRef || parameter.IsOut)
        {
            Problem(type, method, $"Parameter '{parameter.Name}' is ref/out/in: tool parameters must be passed by value. Return the value instead.");
            return null;
        }

        if (parameterType.IsPointer || parameterType.IsByRefLike)
        {
            Problem(type, method, $"Parameter '{parameter.Name}' has type '{parameterType.Name}', which cannot be bound. Use an ordinary type.");
            return null;
        }

        if (parameterType == typeof(CancellationToken))
        {
            return new ParameterBinding(parameter, ParameterSource.CancellationToken, null, null);
        }

        if (parameterType == typeof(ToolCallContext))
        {
            return new ParameterBinding(parameter, ParameterSource.Context, null, null);
        }

        if (parameterType == typeof(IServiceProvider))
        {
            return new ParameterBinding(parameter, ParameterSource.ServiceProvider, null, null);
        }

        if (parameter.GetCustomAttribute<FromKeyedServicesAttribute>() is { } keyed)
        {
            return new ParameterBinding(parameter, ParameterSource.KeyedService, null, keyed.Key);
        }

        if (parameter.GetCustomAttributes().Any(a => a.GetType().Name == "FromServicesAttribute") || (_services?.IsService(parameterType) ?? false))
        {
            return new ParameterBinding(parameter, ParameterSource.Service, null, null);
        }

        if (TypeFacts.GetUnsupportedReason(parameterType) is { } reason)
        {
            Problem(type, method, $"Parameter '{parameter.Name}' has an unsupported type: {reason}.");
            return null;
        }

        // Without reflection-based JSON (a trimmed or Native AOT app) a type binds only when a context of the options knows it.
        if (!_reflectionJson && !_options.TryGetTypeInfo(parameterType, out _))
        {
            Problem(type, method, $"Parameter '{parameter.Name}' has type '{parameterType.Name}', which has no JSON metadata: reflection-based JSON is off in this app (trimmed or Native AOT). Add a JsonSerializerContext that includes it to FlireoToolsOptions.SerializerOptions.TypeInfoResolverChain (docs/native-aot.md).");
            return null;
        }

        var jsonName = _options.PropertyNamingPolicy?.ConvertName(parameter.Name!) ?? parameter.Name!;
        var description = parameter.GetCustomAttribute<DescriptionAttribute>()?.Description;
        var nullable = acceptsNull ?? TypeFacts.IsNullable(parameter);
        var required = !parameter.HasDefaultValue && !nullable;
        var model = new ToolParameter(parameter, jsonName, description, required);
        return new ParameterBinding(parameter, ParameterSource.Model, model, null, nullable, validators);
    }

    private void CheckHandOff(Type type, MethodInfo method, FlireoToolAttribute attribute)
    {
        var after = attribute.HandOffAfterSeconds;
        if (after < 0 || double.IsNaN(after) || double.IsInfinity(after))
        {
            Problem(type, method, "HandOffAfterSeconds must be a positive number of seconds (or 0 never to hand off).");
            return;
        }

        if (after == 0)
        {
            if (attribute.HandOffMessage is not null)
            {
                Problem(type, method, "HandOffMessage needs HandOffAfterSeconds: set after how many seconds the tool hands off, or remove HandOffMessage.");
            }

            return;
        }

        if (attribute.Async)
        {
            Problem(type, method, "HandOffAfterSeconds is for sync tools: an async tool is answered at once. Remove Async = true (and use HandOffAfterSeconds) or remove HandOffAfterSeconds (and use AnnounceResult).");
        }
        else if (attribute.TimeoutSeconds <= after)
        {
            Problem(type, method, FormattableString.Invariant($"A tool that hands off needs TimeoutSeconds longer than HandOffAfterSeconds ({after:0.###}): it is how long the tool may run in total, for example TimeoutSeconds = 60."));
        }

        if (attribute.HandOffMessage is { } text && string.IsNullOrWhiteSpace(text))
        {
            Problem(type, method, "HandOffMessage must not be empty: it is the answer the model reads. Remove it for the default text.");
        }
    }

    private void CheckReturnType(Type type, MethodInfo method, FlireoToolAttribute attribute, Type? valueType)
    {
        var returnType = method.ReturnType;
        if (returnType.IsByRef || returnType.IsByRefLike || returnType.IsPointer
            || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
        {
            Problem(type, method, $"The return type '{returnType.Name}' is not supported. Return a value, Task<T>, ValueTask<T>, Task, ValueTask or void.");
            return;
        }

        if (attribute.AnnounceResult && !attribute.Async)
        {
            Problem(type, method, "AnnounceResult needs Async = true: a sync tool's result is already its answer. Add Async = true or remove AnnounceResult.");
        }

        if (attribute.Async && !attribute.AnnounceResult && valueType is not null && valueType != typeof(ToolResult))
        {
            Problem(type, method, $"The async tool returns '{valueType.Name}', but nobody reads the result of an async tool (Flireo does not wait for it). Return Task, ValueTask, void or ToolResult, set AnnounceResult = true to speak the result into the call, or make the tool sync by removing Async = true.");
        }
    }

    private void Problem(Type type, MethodInfo method, string message) => _problems.Add(new ToolProblem(type, method, message));

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
