using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Schema;

/// <summary>Interim generator (property names and required list only) until the NJsonSchema-based generator lands.</summary>
internal sealed class ToolSchemaGenerator(JsonSerializerOptions options)
{
    public JsonObject Generate(IReadOnlyList<ToolParameter> parameters, bool strict)
    {
        _ = options;
        var props = new JsonObject();
        var req = new JsonArray();
        foreach (var p in parameters) { props[p.Name] = new JsonObject(); if (p.IsRequired || strict) req.Add(p.Name); }
        return new JsonObject { ["type"] = "object", ["properties"] = props, ["required"] = req, ["additionalProperties"] = false };
    }
}
