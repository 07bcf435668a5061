namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Specifies whether a booking still holds its table.</summary>
public enum BookingStatus
{
    /// <summary>The table is reserved.</summary>
    Confirmed,

    /// <summary>The guest cancelled; the table is free again.</summary>
    Cancelled,
}
