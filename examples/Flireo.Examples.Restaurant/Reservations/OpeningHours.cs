namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Represents the opening hours of one day of the week; a day without an entry is closed.</summary>
/// <param name="Day">The day of the week.</param>
/// <param name="Opens">When the doors open.</param>
/// <param name="Closes">When the kitchen closes and the last guests leave.</param>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>Gets the latest time a sitting of the given length can start.</summary>
    /// <param name="sitting">How long a table is held for one booking.</param>
    /// <returns>The last time a booking is accepted that day.</returns>
    public TimeOnly LastSeating(TimeSpan sitting) => Closes.Add(-sitting);

    /// <summary>Tells whether a sitting that starts at <paramref name="time"/> fits inside the opening hours.</summary>
    /// <param name="time">The start of the sitting.</param>
    /// <param name="sitting">How long a table is held for one booking.</param>
    /// <returns><see langword="true"/> when the guests can arrive at that time.</returns>
    public bool Accepts(TimeOnly time, TimeSpan sitting) => time >= Opens && time <= LastSeating(sitting);
}
