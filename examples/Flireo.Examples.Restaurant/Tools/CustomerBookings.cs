using Flireo.Examples.Restaurant.Reservations;

namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Represents the answer of <c>find_bookings</c>: who the guest is and what they booked.</summary>
/// <param name="Phone">The phone number that was looked up.</param>
/// <param name="Name">The guest's name, or <see langword="null"/> when the number is unknown.</param>
/// <param name="Notes">What the staff noted about the guest.</param>
/// <param name="UpcomingBookings">The guest's confirmed bookings from today on, earliest first.</param>
public sealed record CustomerBookings(string Phone, string? Name, string? Notes, IReadOnlyList<Booking> UpcomingBookings);
