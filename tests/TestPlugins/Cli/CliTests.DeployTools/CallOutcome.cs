using System.ComponentModel;

namespace CliTests.DeployTools;

/// <summary>What the analysis plan extracts from each call.</summary>
/// <param name="Booked">Whether a table was booked.</param>
/// <param name="Guests">How many guests, when booked.</param>
/// <param name="Reason">Why the caller called.</param>
public sealed record CallOutcome(
    [property: Description("Whether a table was booked")] bool Booked,
    [property: Description("How many guests, when booked")] int? Guests,
    [property: Description("Why the caller called, in a few words")] string Reason);
