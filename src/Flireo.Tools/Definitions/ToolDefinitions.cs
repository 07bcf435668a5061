using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flireo.Tools.Invocation;
using Flireo.Tools.Protocol;
using Flireo.Tools.Schema;

namespace Flireo.Tools.Definitions;

/// <summary>Exports tool descriptors as the tool definitions a Flireo assistant lists in <c>llm_config.tools[]</c>.</summary>
/// <remarks>
/// The output is ordered by tool name (ordinal) and depends only on the descriptors and the options, so exporting the
/// same tools twice gives the same bytes. To export the tools of a registered catalog, pass
/// <see cref="ToolCatalog.Tools"/>; no web host is needed.
/// </remarks>
public static partial class ToolDefinitions
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",

        // The output is a file or a request body, never HTML: keep quotes, apostrophes and accents readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds the tool definitions as a JSON array, one item per tool, ordered by name.</summary>
    /// <param name="tools">The tools to export, such as <see cref="ToolCatalog.Tools"/>.</param>
    /// <param name="options">How to write the definitions; <see langword="null"/> uses the defaults (flat shape, snake_case, no <c>url</c>).</param>
    /// <returns>A new array the caller may change.</returns>
    /// <remarks>
    /// <para>
    /// The platform documents <c>description</c> as required, so every item has it: a tool without a description gets an
    /// empty string (not its name, which would hide the gap from a reviewer). Exporting never fails for it, so a server
    /// keeps serving; <c>flireo-tools validate</c> reports it as an error and <c>flireo-tools export</c> refuses it unless
    /// told <c>--allow-missing-descriptions</c>.
    /// </para>
    /// <para>
    /// A tool's <see cref="ToolDescriptor.Message"/> is written as <c>message</c> in both namings, for sync and async tools;
    /// <see cref="ToolDefinitionOptions.LegacyAsyncResponse"/> adds the legacy key. The <see cref="ToolDefinitionShape.OpenAI"/>
    /// shape has no place for it and leaves it out.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="tools"/> holds a <see langword="null"/> item or two tools with one name, or <see cref="ToolDefinitionOptions.BaseUrl"/> is not an absolute http(s) address.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ToolDefinitionOptions.Shape"/> or <see cref="ToolDefinitionOptions.Naming"/> is not a defined value.</exception>
    public static JsonArray Export(IEnumerable<ToolDescriptor> tools, ToolDefinitionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        options ??= new ToolDefinitionOptions();
        var shape = options.Shape;
        if (shape is not (ToolDefinitionShape.Flat or ToolDefinitionShape.OpenAI))
        {
            throw new ArgumentOutOfRangeException(nameof(options), shape, "ToolDefinitionOptions.Shape is not a defined ToolDefinitionShape.");
        }

        var legacyKey = options.Naming switch
        {
            WebhookCasing.SnakeCase => "async_response",
            WebhookCasing.CamelCase => "asyncResponse",
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Naming, "ToolDefinitionOptions.Naming is not a defined WebhookCasing."),
        };
        var asyncResponseKey = options.LegacyAsyncResponse ? legacyKey : null;

        var endpoint = ResolveEndpoint(options);
        var items = new JsonArray();
        foreach (var tool in Order(tools))
        {
            var url = endpoint is null ? null : options.PerToolUrls ? $"{endpoint}/tools/{tool.Name}" : endpoint;
            items.Add((JsonNode)(shape == ToolDefinitionShape.Flat
                ? WriteFlat(tool, options.Strict, url, asyncResponseKey)
                : WriteOpenAI(tool, options.Strict, url)));
        }

        return items;
    }

    /// <summary>Writes the tool definitions as indented JSON text, ready to save or to send.</summary>
    /// <param name="tools">The tools to export, such as <see cref="ToolCatalog.Tools"/>.</param>
    /// <param name="options">How to write the definitions; <see langword="null"/> uses the defaults.</param>
    /// <returns>The JSON array of <see cref="Export"/>, indented by two spaces, with <c>\n</c> line ends and a final newline.</returns>
    /// <exception cref="ArgumentException">See <see cref="Export"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="Export"/>.</exception>
    public static string ToJson(IEnumerable<ToolDescriptor> tools, ToolDefinitionOptions? options = null)
    {
        var definitions = Export(tools, options);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            definitions.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Builds the platform's built-in tools an assembly declares: <c>end_call</c> and <c>transfer_call</c>.</summary>
    /// <param name="assembly">The tool assembly, declaring <see cref="FlireoEndCallToolAttribute"/> and <see cref="FlireoTransferDestinationAttribute"/>.</param>
    /// <returns>
    /// A new array: <c>{"type": "end_call"}</c> when declared, then one <c>{"type": "transfer_call", "destinations": […]}</c>
    /// with every destination in declaration order; empty when the assembly declares neither.
    /// </returns>
    /// <exception cref="FlireoToolsConfigurationException">A transfer destination is neither an E.164 number nor a SIP URI, or has no description; the message names the attribute.</exception>
    public static JsonArray ExportBuiltIns(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var items = new JsonArray();
        if (assembly.GetCustomAttribute<FlireoEndCallToolAttribute>() is not null)
        {
            items.Add((JsonNode)new JsonObject { ["type"] = "end_call" });
        }

        var destinations = new JsonArray();
        var problems = new List<string>();
        foreach (var attribute in assembly.GetCustomAttributes<FlireoTransferDestinationAttribute>())
        {
            var target = attribute.Destination?.Trim() ?? string.Empty;
            var declared = $"[assembly: FlireoTransferDestination(\"{attribute.Destination}\", …)] in {assembly.GetName().Name}";
            JsonObject destination;
            if (E164().IsMatch(target))
            {
                destination = new JsonObject { ["type"] = "number", ["number"] = target };
            }
            else if (SipUri().IsMatch(target))
            {
                destination = new JsonObject { ["type"] = "sip", ["sip_uri"] = target };
            }
            else
            {
                problems.Add($"{declared}: '{attribute.Destination}' is neither an E.164 phone number (such as +31850000001: '+', country code, number, no spaces) nor a SIP URI (such as sip:desk@pbx.example.com).");
                continue;
            }

            if (string.IsNullOrWhiteSpace(attribute.Description))
            {
                problems.Add($"{declared}: the description is empty; the platform requires one, and the model reads it to pick the destination.");
                continue;
            }

            destination["description"] = attribute.Description;
            if (!string.IsNullOrWhiteSpace(attribute.Message))
            {
                destination["message"] = attribute.Message;
            }

            destinations.Add((JsonNode)destination);
        }

        if (problems.Count > 0)
        {
            throw new FlireoToolsConfigurationException(string.Join(Environment.NewLine, problems));
        }

        if (destinations.Count > 0)
        {
            items.Add((JsonNode)new JsonObject { ["type"] = "transfer_call", ["destinations"] = destinations });
        }

        return items;
    }

    /// <summary>Builds the JSON schema of a type with the generator tools use, for example for an analysis plan's <c>structured_data_plan.schema</c>.</summary>
    /// <param name="type">The type, usually a record such as <c>CallOutcome</c>.</param>
    /// <param name="serializerOptions">The options its JSON is read with; <see langword="null"/> uses the defaults of <see cref="FlireoToolsOptions.SerializerOptions"/>.</param>
    /// <returns>A new schema: sub-schemas inline, objects closed (<c>additionalProperties: false</c>), property names as <paramref name="serializerOptions"/> writes them.</returns>
    /// <exception cref="FlireoToolsConfigurationException">No schema can be generated for the type.</exception>
    [RequiresUnreferencedCode(TrimmingMessages.SchemaReflection)]
    [RequiresDynamicCode(TrimmingMessages.SchemaReflection)]
    public static JsonObject CreateSchema(Type type, System.Text.Json.JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return new ToolSchemaGenerator(serializerOptions ?? ToolJson.CreateDefaultOptions()).GenerateType(type);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw new FlireoToolsConfigurationException($"No JSON schema could be generated for {type.FullName}: {ex.Message}", ex);
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex(@"^sips?:([^@\s]+@)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(;[^\s]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SipUri();

    private static List<ToolDescriptor> Order(IEnumerable<ToolDescriptor> tools)
    {
        var ordered = new List<ToolDescriptor>();
        foreach (var tool in tools)
        {
            if (tool is null)
            {
                throw new ArgumentException("The tool list holds a null item.", nameof(tools));
            }

            ordered.Add(tool);
        }

        ordered.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < ordered.Count; i++)
        {
            if (string.Equals(ordered[i - 1].Name, ordered[i].Name, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Two tools are named '{ordered[i].Name}': {ordered[i - 1]} and {ordered[i]}. Tool names must be unique in one assistant; rename one with [FlireoTool(\"other_name\")].",
                    nameof(tools));
            }
        }

        return ordered;
    }

    private static string? ResolveEndpoint(ToolDefinitionOptions options)
    {
        if (options.BaseUrl is null)
        {
            return null;
        }

        var baseUrl = options.BaseUrl.Trim().TrimEnd('/');
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException(
                $"ToolDefinitionOptions.BaseUrl '{options.BaseUrl}' is not an absolute http or https address; use a value such as 'https://tools.example.com'.",
                nameof(options));
        }

        var path = (options.WebhookPath ?? string.Empty).Trim().Trim('/');
        return path.Length == 0 ? baseUrl : $"{baseUrl}/{path}";
    }

    private static JsonObject WriteFlat(ToolDescriptor tool, bool strict, string? url, string? asyncResponseKey)
    {
        var item = new JsonObject
        {
            ["name"] = tool.Name,
            ["description"] = tool.Description ?? string.Empty,
            ["parameters"] = Parameters(tool, strict),
        };
        if (url is not null)
        {
            item["url"] = url;
        }

        if (tool.IsAsync)
        {
            item["async"] = true;
        }

        // The spoken text: said while a sync tool runs, or instead of an async tool's result (flireo-protocol.md §7.2).
        if (tool.Message is not null)
        {
            item["message"] = tool.Message;
            if (asyncResponseKey is not null)
            {
                item[asyncResponseKey] = tool.Message;
            }
        }

        return item;
    }

    // The nested shape, as the engine's tool normaliser accepts it: per-tool address as server.url and the async flag
    // next to "function" (flireo-protocol.md §7.2, SDK ToolDefinition). No source gives it a place for the spoken
    // message, so it is left out of this shape (the CLI says so).
    private static JsonObject WriteOpenAI(ToolDescriptor tool, bool strict, string? url)
    {
        var function = new JsonObject
        {
            ["name"] = tool.Name,
            ["description"] = tool.Description ?? string.Empty,
        };

        var parameters = Parameters(tool, strict);
        function["parameters"] = parameters;
        if (strict && StrictSchemaConverter.IsStrictCompatible(parameters))
        {
            function["strict"] = true;
        }

        var item = new JsonObject
        {
            ["type"] = "function",
            ["function"] = function,
        };
        if (url is not null)
        {
            item["server"] = new JsonObject { ["url"] = url };
        }

        if (tool.IsAsync)
        {
            item["async"] = true;
        }

        return item;
    }

    private static JsonObject Parameters(ToolDescriptor tool, bool strict)
    {
        var schema = strict ? tool.StrictParametersSchema : tool.ParametersSchema;
        return JsonNode.Parse(schema.GetRawText())!.AsObject();
    }
}
