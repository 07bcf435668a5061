using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace Flireo.Tools.Reliability.Tests.Properties;

/// <summary>FsCheck generators for the values a model can send for each supported parameter type.</summary>
/// <remarks>
/// Only values JSON can carry are generated: finite doubles, strings of valid Unicode (a lone UTF-16 surrogate has no
/// UTF-8 form), and UTC date-times (a model sends RFC 3339 text with an offset; an unspecified-kind DateTime has none).
/// </remarks>
public static class ToolValues
{
    public static Arbitrary<double> Doubles() => ArbMap.Default.GeneratorFor<double>()
        .Where(double.IsFinite)
        .ToArbitrary();

    public static Arbitrary<string> Strings() => Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(ValidUnicode),
            Gen.Elements("", " ", "Jan de Vries", "Zoë", "北京", "emoji 👩‍🍳", "quote \" and \\ backslash", "line\nbreak\ttab", "\u0000nul", "\u2028\u2029"))
        .ToArbitrary();

    public static Arbitrary<Shade> Shades() => Gen.Elements(Enum.GetValues<Shade>()).ToArbitrary();

    public static Arbitrary<DateOnly> Dates() => Gen.Choose(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)
        .Select(DateOnly.FromDayNumber)
        .ToArbitrary();

    public static Arbitrary<TimeOnly> Times() => TimeGen().ToArbitrary();

    public static Arbitrary<DateTime> DateTimes() =>
        (from date in Dates().Generator
         from time in TimeGen()
         select new DateTime(date, time, DateTimeKind.Utc))
        .ToArbitrary();

    public static Arbitrary<DateTimeOffset> DateTimeOffsets() =>
        (from date in Gen.Choose(new DateOnly(1, 1, 2).DayNumber, new DateOnly(9999, 12, 30).DayNumber)
         from time in TimeGen()
         from minutes in Gen.Choose(-14 * 60, 14 * 60)
         select new DateTimeOffset(DateOnly.FromDayNumber(date).ToDateTime(time), TimeSpan.FromMinutes(minutes)))
        .ToArbitrary();

    public static Arbitrary<Guid> Guids() => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16)
        .Select(bytes => new Guid(bytes))
        .ToArbitrary();

    public static Arbitrary<Guest> Guests() =>
        (from name in Strings().Generator
         from age in ArbMap.Default.GeneratorFor<int>()
         from shade in Shades().Generator
         from birthday in Gen.OneOf(Gen.Constant<DateOnly?>(null), Dates().Generator.Select(d => (DateOnly?)d))
         from tags in Gen.ListOf(Strings().Generator)
         from budget in ArbMap.Default.GeneratorFor<decimal?>()
         select new Guest(name, age, shade, birthday, [.. tags], budget))
        .ToArbitrary();

    public static Arbitrary<float> Floats() => ArbMap.Default.GeneratorFor<float>()
        .Where(float.IsFinite)
        .ToArbitrary();

    public static Arbitrary<Half> Halves() => ArbMap.Default.GeneratorFor<float>()
        .Select(f => (Half)f)
        .Where(Half.IsFinite)
        .ToArbitrary();

    public static Arbitrary<Int128> Int128s() =>
        (from upper in ArbMap.Default.GeneratorFor<ulong>()
         from lower in ArbMap.Default.GeneratorFor<ulong>()
         from small in ArbMap.Default.GeneratorFor<bool>()
         select small ? (Int128)(long)lower : new Int128(upper, lower))
        .ToArbitrary();

    public static Arbitrary<UInt128> UInt128s() =>
        (from upper in ArbMap.Default.GeneratorFor<ulong>()
         from lower in ArbMap.Default.GeneratorFor<ulong>()
         from small in ArbMap.Default.GeneratorFor<bool>()
         select small ? (UInt128)lower : new UInt128(upper, lower))
        .ToArbitrary();

    /// <summary>Characters a JSON string can carry on their own: anything but half of a UTF-16 surrogate pair.</summary>
    public static Arbitrary<char> Chars() => Gen.OneOf(
            ArbMap.Default.GeneratorFor<char>(),
            Gen.Choose(0, 0xFFFF).Select(c => (char)c),
            Gen.Elements('\0', '"', '\\', '\n', 'é', '€', '\u2028'))
        .Where(c => !char.IsSurrogate(c))
        .ToArbitrary();

    public static Arbitrary<TimeSpan> TimeSpans() => Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>().Select(TimeSpan.FromTicks),
            Gen.Choose(-100_000, 100_000).Select(seconds => TimeSpan.FromSeconds(seconds)),
            Gen.Elements(TimeSpan.Zero, TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.FromTicks(1), TimeSpan.FromDays(1)))
        .ToArbitrary();

    /// <summary>Absolute http, https, tel and mailto URIs with ports, paths, queries and fragments.</summary>
    public static Arbitrary<Uri> Uris() =>
        (from scheme in Gen.Elements("http", "https", "HTTPS", "ftp")
         from host in Gen.Elements("example.com", "api.flireo.ai", "localhost", "127.0.0.1", "[::1]", "xn--bcher-kva.example", "a-b.c-d.nl")
         from port in Gen.OneOf(Gen.Constant(string.Empty), Gen.Choose(1, 65535).Select(p => ":" + p.ToString(CultureInfo.InvariantCulture)))
         from segments in Gen.ListOf(Gen.Elements("a", "menu", "2026", "caf%C3%A9", "x y", "~user", "a+b", "%20"))
         from query in Gen.OneOf(Gen.Constant(string.Empty), Gen.Elements("?q=1", "?a=b&c=d", "?name=Zo%C3%AB", "?"))
         from fragment in Gen.OneOf(Gen.Constant(string.Empty), Gen.Elements("#top", "#", "#a/b"))
         from other in Gen.Elements<string?>(null, null, null, "tel:+31850000000", "mailto:info@example.com", "urn:isbn:0451450523")
         select new Uri(other ?? $"{scheme}://{host}{port}/{string.Join('/', segments)}{query}{fragment}", UriKind.Absolute))
        .ToArbitrary();

    public static Arbitrary<Version> Versions() => Gen.OneOf(
            from major in Gen.Choose(0, int.MaxValue)
            from minor in Gen.Choose(0, int.MaxValue)
            select new Version(major, minor),
            from major in Gen.Choose(0, 1000)
            from minor in Gen.Choose(0, 1000)
            from build in Gen.Choose(0, 1000)
            select new Version(major, minor, build),
            from major in Gen.Choose(0, 1000)
            from minor in Gen.Choose(0, 1000)
            from build in Gen.Choose(0, 1000)
            from revision in Gen.Choose(0, int.MaxValue)
            select new Version(major, minor, build, revision))
        .ToArbitrary();

    public static Arbitrary<Dictionary<string, string>> Dictionaries() =>
        Gen.ListOf(Gen.Zip(Strings().Generator, Strings().Generator))
            .Select(pairs => pairs.DistinctBy(p => p.Item1, StringComparer.Ordinal).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal))
            .ToArbitrary();

    /// <summary>Any JSON value but a top-level null (which a required parameter does not take): scalars, arrays and objects three deep.</summary>
    public static Arbitrary<JsonElement> JsonElements() => Answers.JsonGen(3)
        .Where(node => node is not null)
        .Select(node => JsonSerializer.SerializeToElement(node))
        .ToArbitrary();

    /// <summary>Times of day with 100-nanosecond precision, the resolution of <see cref="TimeOnly"/>.</summary>
    private static Gen<TimeOnly> TimeGen() =>
        from seconds in Gen.Choose(0, (24 * 3600) - 1)
        from ticks in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, (int)TimeSpan.TicksPerSecond - 1))
        select new TimeOnly((seconds * TimeSpan.TicksPerSecond) + ticks);

    /// <summary>Replaces lone UTF-16 surrogates, which no JSON text can carry, with U+FFFD.</summary>
    private static string ValidUnicode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Formats a time as RFC 3339 full-time, the form JSON Schema's <c>time</c> format names, with the given offset.</summary>
    public static string FullTime(TimeOnly time, string offset) => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') + offset;
}
