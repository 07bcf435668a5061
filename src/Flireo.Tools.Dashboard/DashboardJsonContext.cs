using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flireo.Tools.Dashboard;

/// <summary>Writes schemas indented for the tool page.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext
{
    /// <summary>Gets the indented context.</summary>
    public static DashboardJsonContext Indented => Default;
}
