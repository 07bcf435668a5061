using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flireo.Examples.Restaurant.Data;

/// <summary>Reads the JSON files embedded in this assembly from its <c>Data</c> folder.</summary>
internal static class EmbeddedData
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static T Load<T>(string fileName)
    {
        var resource = $"Flireo.Examples.Restaurant.Data.{fileName}";
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource '{resource}' is missing.");
        return JsonSerializer.Deserialize<T>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"The embedded resource '{resource}' is empty.");
    }
}
