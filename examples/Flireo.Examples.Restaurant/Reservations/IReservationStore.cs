namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Stores tables, opening hours, bookings and guests; replace the in-memory default with a database-backed one.</summary>
/// <remarks>Implementations must be thread-safe: tools of several calls run at the same time.</remarks>
public interface IReservationStore
{
    /// <summary>Gets the weekly opening hours; days without an entry are closed.</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>One entry per open day of the week.</returns>
    Task<IReadOnlyList<OpeningHours>> GetOpeningHoursAsync(CancellationToken cancellationToken);

    /// <summary>Finds the tables that are free for a whole sitting starting at the given time, smallest first.</summary>
    /// <param name="day">The day of the visit.</param>
    /// <param name="time">When the guests arrive.</param>
    /// <param name="partySize">How many guests come.</param>
    /// <param name="seating">The wanted seating area, or <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The free tables with enough seats; empty when the restaurant is full.</returns>
    Task<IReadOnlyList<Table>> FindFreeTablesAsync(DateOnly day, TimeOnly time, int partySize, SeatingArea? seating, CancellationToken cancellationToken);

    /// <summary>Reserves the smallest free table that fits, atomically, and remembers the guest.</summary>
    /// <param name="request">What the guest asks for.</param>
    /// <param name="cancellationToken">Cancels the booking.</param>
    /// <returns>The new booking, or <see langword="null"/> when no table is free.</returns>
    Task<Booking?> TryBookAsync(BookingRequest request, CancellationToken cancellationToken);

    /// <summary>Finds a booking by its confirmation code.</summary>
    /// <param name="code">The confirmation code in its canonical form, for example <c>ANV-101</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The booking, or <see langword="null"/> when the code is unknown.</returns>
    Task<Booking?> FindBookingAsync(string code, CancellationToken cancellationToken);

    /// <summary>Cancels a booking so that its table is free again.</summary>
    /// <param name="code">The confirmation code in its canonical form.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The cancelled booking, or <see langword="null"/> when the code is unknown.</returns>
    Task<Booking?> CancelBookingAsync(string code, CancellationToken cancellationToken);

    /// <summary>Finds the confirmed bookings made with a phone number, from a given day on, earliest first.</summary>
    /// <param name="phone">The phone number in E.164 form.</param>
    /// <param name="from">The first day to include.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The bookings; empty when there are none.</returns>
    Task<IReadOnlyList<Booking>> FindBookingsByPhoneAsync(string phone, DateOnly from, CancellationToken cancellationToken);

    /// <summary>Finds a guest by phone number.</summary>
    /// <param name="phone">The phone number in E.164 form.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The guest, or <see langword="null"/> when the number is unknown.</returns>
    Task<Customer?> FindCustomerAsync(string phone, CancellationToken cancellationToken);
}
