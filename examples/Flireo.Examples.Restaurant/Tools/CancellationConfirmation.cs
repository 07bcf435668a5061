namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Represents the answer of <c>cancel_booking</c>.</summary>
/// <param name="ConfirmationCode">The code of the cancelled booking.</param>
/// <param name="Date">The day the booking was for.</param>
/// <param name="Time">The time the booking was for.</param>
/// <param name="Message">A sentence the assistant can say.</param>
public sealed record CancellationConfirmation(string ConfirmationCode, DateOnly Date, TimeOnly Time, string Message);
