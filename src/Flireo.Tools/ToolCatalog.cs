using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Flireo.Tools.Invocation;
using Flireo.Tools.SourceGeneration;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools;

/// <summary>Holds every registered tool, built once by one reflection scan and shared by the router, the exporter and the CLI.</summary>
public sealed class ToolCatalog
{
    private readonly FrozenDictionary<string, ToolDescriptor> _byName;

    private ToolCatalog(IReadOnlyList<ToolDescriptor> tools, JsonSerializerOptions serializerOptions)
    {
        Tools = tools;
        SerializerOptions = serializerOptions;
        _byName = tools.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the tools, ordered by name.</summary>
    public IReadOnlyList<ToolDescriptor> Tools { get; }

    /// <summary>Gets the serializer options the schemas were generated with and arguments are bound with.</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>Scans tool classes and builds the catalog.</summary>
    /// <param name="toolTypes">The classes declaring <see cref="FlireoToolAttribute"/> methods.</param>
    /// <param name="serializerOptions">The JSON options shared by schemas and argument binding; <see langword="null"/> uses the defaults (camelCase, string enums).</param>
    /// <param name="services">Tells which parameter types are services to inject rather than model arguments; <see langword="null"/> when there is no container.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="FlireoToolsConfigurationException">A tool is invalid: the exception lists every problem with its type, method and fix.</exception>
    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    public static ToolCatalog Create(IEnumerable<Type> toolTypes, JsonSerializerOptions? serializerOptions = null, IServiceProviderIsService? services = null)
        => Create(toolTypes, [], serializerOptions, services);

    /// <summary>Builds the catalog, taking each tool's settings and schema from a source-generated catalog where one lists it.</summary>
    /// <param name="toolTypes">The classes declaring <see cref="FlireoToolAttribute"/> methods.</param>
    /// <param name="generated">The tools of generated catalogs; empty to reflect over everything.</param>
    /// <param name="serializerOptions">The JSON options, or <see langword="null"/> for the defaults.</param>
    /// <param name="services">Tells which parameter types are services, or <see langword="null"/>.</param>
    /// <returns>The catalog.</returns>
    [RequiresUnreferencedCode(TrimmingMessages.ToolReflection)]
    [RequiresDynamicCode(TrimmingMessages.ToolReflection)]
    internal static ToolCatalog Create(IEnumerable<Type> toolTypes, IEnumerable<GeneratedTool> generated, JsonSerializerOptions? serializerOptions, IServiceProviderIsService? services)
    {
        ArgumentNullException.ThrowIfNull(toolTypes);
        var options = serializerOptions ?? ToolJson.CreateDefaultOptions();
        options.MakeReadOnly(populateMissingResolver: true);
        var byMethod = new Dictionary<System.Reflection.MethodInfo, GeneratedTool>();
        foreach (var tool in generated)
        {
            // A method the type no longer has (a catalog out of step with its assembly) is simply scanned.
            if (tool.FindMethod() is { } method)
            {
                byMethod.TryAdd(method, tool);
            }
        }

        var scanner = new ToolScanner(options, services, byMethod);
        var tools = scanner.Scan(toolTypes);
        if (scanner.Problems.Count > 0)
        {
            throw new FlireoToolsConfigurationException(scanner.Problems);
        }

        return new ToolCatalog(tools, options);
    }

    /// <summary>Finds a tool by name.</summary>
    /// <param name="name">The tool name (ordinal, case-sensitive).</param>
    /// <param name="tool">The tool, when found.</param>
    /// <returns><see langword="true"/> when the tool exists.</returns>
    public bool TryGetTool(string name, [NotNullWhen(true)] out ToolDescriptor? tool)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out tool);
    }
}
