namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Represents a guest the restaurant knows by phone number.</summary>
/// <param name="Phone">The guest's phone number in E.164 form, for example <c>+31612345678</c>.</param>
/// <param name="Name">The guest's name.</param>
/// <param name="Notes">What the staff noted about the guest, for example a preference or allergy.</param>
public sealed record Customer(string Phone, string Name, string? Notes);
