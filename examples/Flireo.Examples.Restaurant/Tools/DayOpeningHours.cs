namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Represents the opening hours of one calendar day, as <c>get_opening_hours</c> lists them.</summary>
/// <param name="Date">The day.</param>
/// <param name="Day">The day of the week.</param>
/// <param name="Open">Whether the restaurant is open that day.</param>
/// <param name="Opens">When the doors open, or <see langword="null"/> when closed.</param>
/// <param name="Closes">When the restaurant closes, or <see langword="null"/> when closed.</param>
/// <param name="LastSeating">The latest arrival time for a booking, or <see langword="null"/> when closed.</param>
public sealed record DayOpeningHours(DateOnly Date, DayOfWeek Day, bool Open, TimeOnly? Opens, TimeOnly? Closes, TimeOnly? LastSeating);
