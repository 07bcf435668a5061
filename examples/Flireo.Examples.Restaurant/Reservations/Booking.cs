namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Represents a table booking.</summary>
/// <param name="Code">The confirmation code the guest quotes, for example <c>ANV-101</c>.</param>
/// <param name="Date">The day of the visit.</param>
/// <param name="Time">When the guests arrive.</param>
/// <param name="PartySize">How many guests come.</param>
/// <param name="Name">The name the booking is under.</param>
/// <param name="Phone">The phone number of the guest who booked, in E.164 form.</param>
/// <param name="TableNumber">The reserved table.</param>
/// <param name="Seating">Where the reserved table is.</param>
/// <param name="Notes">Requests for the staff, for example a high chair.</param>
/// <param name="Status">Whether the booking still holds its table.</param>
public sealed record Booking(
    string Code,
    DateOnly Date,
    TimeOnly Time,
    int PartySize,
    string Name,
    string Phone,
    int TableNumber,
    SeatingArea Seating,
    string? Notes,
    BookingStatus Status = BookingStatus.Confirmed);
