namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Represents what a guest asks for when booking a table.</summary>
/// <param name="Date">The day of the visit.</param>
/// <param name="Time">When the guests arrive.</param>
/// <param name="PartySize">How many guests come.</param>
/// <param name="Name">The name the booking is under.</param>
/// <param name="Phone">The guest's phone number in E.164 form.</param>
/// <param name="Seating">The wanted seating area, or <see langword="null"/> for any.</param>
/// <param name="Notes">Requests for the staff.</param>
public sealed record BookingRequest(DateOnly Date, TimeOnly Time, int PartySize, string Name, string Phone, SeatingArea? Seating, string? Notes);
