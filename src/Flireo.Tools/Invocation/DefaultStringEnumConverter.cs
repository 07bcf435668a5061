using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Flireo.Tools.Invocation;

/// <summary>The default options' string enum converter (member names as written, no naming policy), recognisable by its type.</summary>
/// <remarks>The schema generator reads enum names from the fields when this converter is the one in use.</remarks>
internal sealed class DefaultStringEnumConverter : JsonStringEnumConverter
{
    /// <summary>Initializes a new instance of the <see cref="DefaultStringEnumConverter"/> class.</summary>
    [RequiresDynamicCode(TrimmingMessages.ToolJson)]
    public DefaultStringEnumConverter()
    {
    }
}
