namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Reads "today" and "now" in the restaurant's time zone (the server's local zone) from a <see cref="TimeProvider"/>.</summary>
internal static class LocalClock
{
    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public static TimeOnly Now(this TimeProvider time) => TimeOnly.FromDateTime(time.GetLocalNow().DateTime);
}
