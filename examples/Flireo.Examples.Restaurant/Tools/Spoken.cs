using System.Globalization;

namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Formats dates and times the way the assistant should say them.</summary>
internal static class Spoken
{
    public static string Date(DateOnly date) => date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Times(IEnumerable<TimeOnly> times) => string.Join(", ", times.Select(Time));
}
