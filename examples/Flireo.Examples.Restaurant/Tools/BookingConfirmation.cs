using Flireo.Examples.Restaurant.Reservations;

namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Represents the answer of <c>book_table</c>.</summary>
/// <param name="ConfirmationCode">The code the guest quotes to change or cancel, for example <c>ANV-101</c>.</param>
/// <param name="Date">The day of the visit.</param>
/// <param name="Time">The arrival time.</param>
/// <param name="PartySize">The number of guests.</param>
/// <param name="Name">The name the booking is under.</param>
/// <param name="Seating">Where the table is.</param>
/// <param name="Message">A sentence the assistant can say.</param>
public sealed record BookingConfirmation(string ConfirmationCode, DateOnly Date, TimeOnly Time, int PartySize, string Name, SeatingArea Seating, string Message);
