using System.ComponentModel;

namespace Flireo.Examples.Docs.Deploying;

#region deploying-analysis-type
public sealed record CallOutcome(
    [property: Description("Whether a table was booked")] bool Booked,
    [property: Description("How many guests, when booked")] int? Guests,
    [property: Description("Why the caller called, in a few words")] string Reason);
#endregion
