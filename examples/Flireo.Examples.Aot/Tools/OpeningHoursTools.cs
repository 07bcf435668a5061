using System.ComponentModel;
using System.Globalization;
using Flireo.Tools;

namespace Flireo.Examples.Aot.Tools;

/// <summary>Answers questions about the restaurant's opening hours and tables; every tool is in the generated catalog.</summary>
public sealed class OpeningHoursTools
{
    /// <summary>Tells when the restaurant opens on a day of the week.</summary>
    /// <param name="day">The day, in English.</param>
    /// <returns>The opening hours, or that the restaurant is closed.</returns>
    [FlireoTool(Description = "Tells when the restaurant is open on a day of the week.")]
    public static string GetOpeningHours([Description("The day of the week, in English, such as Monday.")] string day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.Trim().ToUpperInvariant() switch
        {
            "MONDAY" => "Closed on Mondays.",
            "SATURDAY" or "SUNDAY" => "Open from 12:00 to 23:00.",
            "TUESDAY" or "WEDNESDAY" or "THURSDAY" or "FRIDAY" => "Open from 17:00 to 22:30.",
            _ => throw new FlireoToolException($"'{day}' is not a day of the week."),
        };
    }

    /// <summary>Tells whether a table for a party is free at a time.</summary>
    /// <param name="guests">How many people.</param>
    /// <param name="time">The time, as HH:mm.</param>
    /// <returns>Whether a table is free, in words.</returns>
    [FlireoTool(Description = "Tells whether a table is free for a party at a time today.")]
    public static string CheckTable(
        [Description("How many people the table is for."), System.ComponentModel.DataAnnotations.Range(1, 12)] int guests,
        [Description("The time, as HH:mm in 24-hour format.")] string time)
    {
        if (!TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            throw new FlireoToolException($"'{time}' is not a time as HH:mm.");
        }

        return at < new TimeOnly(17, 0) || at > new TimeOnly(22, 0)
            ? $"The kitchen is closed at {at:HH:mm}; tables are from 17:00 to 22:00."
            : guests > 8
                ? $"A table for {guests.ToString(CultureInfo.InvariantCulture)} needs the private room; please call the restaurant."
                : $"A table for {guests.ToString(CultureInfo.InvariantCulture)} is free at {at:HH:mm}.";
    }
}
