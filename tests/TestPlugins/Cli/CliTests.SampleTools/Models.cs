using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CliTests.SampleTools;

public enum Seating
{
    Inside,
    Terrace,
}

public sealed record Availability(DateOnly Date, int Guests, int FreeTables);

public sealed record Booking(string Reference, string Name, DateOnly Date, int Guests);

public sealed record BookingRequest(
    [property: Description("The guest's name")] string Name,
    [property: Description("Day of the visit")] DateOnly Date,
    [property: Description("Number of guests"), Range(1, 20)] int Guests,
    [property: Description("Anything the kitchen should know")] string? Notes = null);
