using System.Globalization;
using System.Text;

namespace Flireo.Tools.SourceGeneration;

/// <summary>The name conversions of System.Text.Json the runtime applies: snake_case tool names and camelCase JSON names.</summary>
/// <remarks>
/// They must give the same text as <c>JsonNamingPolicy.SnakeCaseLower</c> and <c>JsonNamingPolicy.CamelCase</c>, which
/// the generator cannot call (it runs on netstandard2.0 inside the compiler).
/// </remarks>
internal static class JsonNames
{
    private enum State
    {
        NotStarted,
        Upper,
        LowerOrDigit,
        Space,
    }

    /// <summary>Derives a tool name from a method name as the runtime does: without an <c>Async</c> suffix, snake_case.</summary>
    public static string DeriveToolName(string methodName)
    {
        var name = methodName.EndsWith("Async", System.StringComparison.Ordinal) && methodName.Length > 5
            ? methodName.Substring(0, methodName.Length - 5)
            : methodName;
        return SnakeCaseLower(name);
    }

    /// <summary>Converts a name as <c>JsonNamingPolicy.SnakeCaseLower</c> does.</summary>
    public static string SnakeCaseLower(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        var state = State.NotStarted;
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            var category = char.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    if (state is State.LowerOrDigit or State.Space
                        || (state == State.Upper && i + 1 < name.Length && char.IsLower(name[i + 1])))
                    {
                        result.Append('_');
                    }

                    result.Append(char.ToLowerInvariant(current));
                    state = State.Upper;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == State.Space)
                    {
                        result.Append('_');
                    }

                    result.Append(current);
                    state = State.LowerOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != State.NotStarted)
                    {
                        state = State.Space;
                    }

                    break;
                default:
                    result.Append(current);
                    state = State.NotStarted;
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>Converts a name as <c>JsonNamingPolicy.CamelCase</c> does.</summary>
    public static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>Tells whether a tool name matches <c>^[A-Za-z_][A-Za-z0-9_-]{0,63}$</c>.</summary>
    public static bool IsValidToolName(string name)
    {
        if (name.Length is 0 or > 64 || !(IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (!(IsAsciiLetter(c) || c is (>= '0' and <= '9') or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');
}
