using Flireo.Examples.Restaurant.Data;

namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Reads the default tables, opening hours, guests and bookings embedded in the assembly (<c>Data/restaurant.json</c>).</summary>
internal sealed record ReservationSeed(
    IReadOnlyList<Table> Tables,
    IReadOnlyList<OpeningHours> OpeningHours,
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<ReservationSeed.SeedBooking> Bookings)
{
    public static ReservationSeed LoadEmbedded() => EmbeddedData.Load<ReservationSeed>("restaurant.json");

    /// <summary>A seeded booking whose date is relative to today, so the demo data never goes stale.</summary>
    internal sealed record SeedBooking(string Code, string Phone, string Name, int DaysFromToday, TimeOnly Time, int PartySize, int TableNumber, string? Notes);
}
