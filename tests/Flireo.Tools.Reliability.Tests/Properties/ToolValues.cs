using System.Globalization;
using System.Text;
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
