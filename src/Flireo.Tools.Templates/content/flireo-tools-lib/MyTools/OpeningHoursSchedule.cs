namespace MyTools;

/// <summary>Where the opening hours come from; replace the sample with your own store.</summary>
public interface IOpeningHoursSchedule
{
    /// <summary>Gets the opening hours of a day.</summary>
    /// <param name="day">The day.</param>
    /// <returns>The hours.</returns>
    OpeningHours For(DayOfWeek day);
}

/// <summary>Fixed sample hours: 9:00-17:30 on weekdays, 10:00-13:00 on Saturday, closed on Sunday.</summary>
public sealed class SampleOpeningHoursSchedule : IOpeningHoursSchedule
{
    /// <inheritdoc />
    public OpeningHours For(DayOfWeek day) => day switch
    {
        DayOfWeek.Sunday => new(day, null, null),
        DayOfWeek.Saturday => new(day, new TimeOnly(10, 0), new TimeOnly(13, 0)),
        _ => new(day, new TimeOnly(9, 0), new TimeOnly(17, 30)),
    };
}
