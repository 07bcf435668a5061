using System.ComponentModel;
using Flireo.Tools;

namespace MyTools;

/// <summary>The opening hours of one day.</summary>
/// <param name="Day">The day.</param>
/// <param name="Opens">Opening time, or null when closed.</param>
/// <param name="Closes">Closing time, or null when closed.</param>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly? Opens, TimeOnly? Closes);

/// <summary>Tools the model calls to answer questions about opening hours.</summary>
public sealed class OpeningHoursTools(IOpeningHoursSchedule schedule, TimeProvider clock)
{
    /// <summary>Gives the opening hours of a day of the week (an in-memory look-up: it answers within 3 seconds, so no Message is needed).</summary>
    [FlireoTool("get_opening_hours", Description = "Gives the opening hours of a day of the week.", TimeoutSeconds = 3, Example = """{"day":"Friday"}""")]
    public OpeningHours GetOpeningHours([Description("The day of the week, e.g. Friday")] DayOfWeek day) => schedule.For(day);

    /// <summary>Tells whether the shop is open right now.</summary>
    [FlireoTool("is_open_now", Description = "Tells whether the shop is open right now.", TimeoutSeconds = 3)]
    public string IsOpenNow()
    {
        var now = clock.GetLocalNow();
        var hours = schedule.For(now.DayOfWeek);
        var time = TimeOnly.FromDateTime(now.DateTime);
        return hours.Opens is { } opens && hours.Closes is { } closes && time >= opens && time < closes
            ? $"Yes, open until {closes:HH:mm}."
            : "No, closed right now.";
    }
}
