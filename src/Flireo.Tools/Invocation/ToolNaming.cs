using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flireo.Tools.Invocation;

/// <summary>Derives and checks tool names.</summary>
internal static partial class ToolNaming
{
    public const string Pattern = "^[A-Za-z_][A-Za-z0-9_-]{0,63}$";

    public static bool IsValid(string name) => NameRegex().IsMatch(name);

    /// <summary>Turns <c>CheckAvailabilityAsync</c> into <c>check_availability</c>.</summary>
    public static string Derive(string methodName)
    {
        var baseName = methodName.EndsWith("Async", StringComparison.Ordinal) && methodName.Length > 5
            ? methodName[..^5]
            : methodName;
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(baseName);
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
