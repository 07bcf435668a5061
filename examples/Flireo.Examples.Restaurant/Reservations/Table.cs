namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Represents a table that can be booked.</summary>
/// <param name="Number">The table number the staff use.</param>
/// <param name="Seats">How many guests fit at the table.</param>
/// <param name="Seating">Where the table is.</param>
public sealed record Table(int Number, int Seats, SeatingArea Seating);
