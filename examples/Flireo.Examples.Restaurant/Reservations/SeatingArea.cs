namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Specifies where in the restaurant a table is.</summary>
public enum SeatingArea
{
    /// <summary>Inside, in the dining room.</summary>
    Indoor,

    /// <summary>Outside, on the terrace (weather permitting).</summary>
    Terrace,
}
