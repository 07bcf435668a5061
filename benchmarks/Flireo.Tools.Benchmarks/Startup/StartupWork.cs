using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Flireo.Tools.Definitions;

namespace Flireo.Tools.Benchmarks.Startup;

/// <summary>Holds the startup work measured warm by <see cref="CatalogStartupBenchmarks"/> and cold by <c>cold-startup</c>.</summary>
internal static class StartupWork
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Finds every tool method, its attribute and its parameters' descriptions: the reflection any scanner pays.</summary>
    public static int ReflectionFloor(Type[] types)
    {
        var seen = 0;
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(Declared))
            {
                if (method.GetCustomAttribute<FlireoToolAttribute>() is null)
                {
                    continue;
                }

                foreach (var parameter in method.GetParameters())
                {
                    seen += parameter.GetCustomAttribute<DescriptionAttribute>() is null ? 1 : 2;
                }
            }
        }

        return seen;
    }

    /// <summary>Builds flat tool definitions by hand with the BCL's <see cref="JsonSchemaExporter"/> for each parameter type.</summary>
    public static string BclDefinitions(Type[] types)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var tools = new JsonArray();
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(Declared))
            {
                if (method.GetCustomAttribute<FlireoToolAttribute>() is not { } attribute)
                {
                    continue;
                }

                var properties = new JsonObject();
                var required = new JsonArray();
                foreach (var parameter in method.GetParameters())
                {
                    if (parameter.ParameterType == typeof(CancellationToken))
                    {
                        continue;
                    }

                    var schema = options.GetJsonSchemaAsNode(parameter.ParameterType);
                    if (parameter.GetCustomAttribute<DescriptionAttribute>() is { } description && schema is JsonObject obj)
                    {
                        obj["description"] = description.Description;
                    }

                    properties[parameter.Name!] = schema;
                    if (!parameter.HasDefaultValue)
                    {
                        required.Add(parameter.Name);
                    }
                }

                tools.Add(new JsonObject
                {
                    ["name"] = attribute.Name,
                    ["description"] = attribute.Description,
                    ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required },
                });
            }
        }

        return tools.ToJsonString();
    }

    /// <summary>Scans the tools, as a server does before its first answer: schemas are generated on first read, which a server never does.</summary>
    public static ToolCatalog Catalog(Type[] types) => ToolCatalog.Create(types);

    /// <summary>Scans the tools and reads both schemas of each, so that they are generated.</summary>
    public static ToolCatalog CatalogWithSchemas(Type[] types)
    {
        var catalog = ToolCatalog.Create(types);
        foreach (var tool in catalog.Tools)
        {
            _ = tool.StrictParametersSchema;
        }

        return catalog;
    }

    /// <summary>Scans, generates and writes the definitions as <c>flireo-tools export</c> does.</summary>
    public static string Export(Type[] types) => ToolDefinitions.ToJson(ToolCatalog.Create(types).Tools);
}
