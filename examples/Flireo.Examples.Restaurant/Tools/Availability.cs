using Flireo.Examples.Restaurant.Reservations;

namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Represents the answer of <c>check_availability</c>.</summary>
/// <param name="Available">Whether a table is free at the requested time.</param>
/// <param name="Date">The requested day.</param>
/// <param name="Time">The requested arrival time.</param>
/// <param name="PartySize">The number of guests.</param>
/// <param name="Seating">The requested seating area, or <see langword="null"/> for any.</param>
/// <param name="Message">A sentence the assistant can say.</param>
/// <param name="AlternativeTimes">Other free times that day, nearest first, when the requested time is not available.</param>
public sealed record Availability(bool Available, DateOnly Date, TimeOnly Time, int PartySize, SeatingArea? Seating, string Message, IReadOnlyList<TimeOnly> AlternativeTimes);
