using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Examples.Docs.Tests.Support;

/// <summary>Formats JSON for the pages: indented by two spaces, quotes and accents left readable.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pretty(string json) => JsonNode.Parse(json)!.ToJsonString(Indented);

    public static string Pretty(JsonNode node) => node.ToJsonString(Indented);

    public static string OneLine(JsonElement element) => JsonSerializer.Serialize(element, Compact);

    public static string OneLine(JsonNode node) => node.ToJsonString(Compact);

    public static string OneLine(object value) => JsonSerializer.Serialize(value, Compact);
}
