using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flireo.Tools.Mcp;

/// <summary>Serialises the JSON nodes of the exported definitions without reflection.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class McpJsonContext : JsonSerializerContext;
