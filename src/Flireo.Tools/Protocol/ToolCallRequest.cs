using System.Text.Json;

namespace Flireo.Tools.Protocol;

/// <summary>Represents one item of a tool-calls webhook's tool call list.</summary>
/// <param name="Id">The tool call id that the answer must echo.</param>
/// <param name="Name">The name of the tool the model called.</param>
/// <param name="Arguments">The arguments: normally a JSON object, possibly a JSON string holding one, or undefined when absent.</param>
public sealed record ToolCallRequest(string Id, string Name, JsonElement Arguments);
