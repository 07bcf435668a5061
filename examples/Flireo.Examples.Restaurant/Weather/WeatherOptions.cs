namespace Flireo.Examples.Restaurant.Weather;

/// <summary>Configures the weather forecast service (the free Open-Meteo API by default, no key needed).</summary>
public sealed class WeatherOptions
{
    /// <summary>Gets or sets the base address of the forecast API. Default <c>https://api.open-meteo.com/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.open-meteo.com/");

    /// <summary>Gets or sets the latitude of the terrace. Default Amsterdam.</summary>
    public double Latitude { get; set; } = 52.3676;

    /// <summary>Gets or sets the longitude of the terrace. Default Amsterdam.</summary>
    public double Longitude { get; set; } = 4.9041;

    /// <summary>Gets or sets how long to wait for the forecast before giving up. Default 3 seconds.</summary>
    /// <remarks>Keep it well below the tool's time limit, so the caller hears a polite fallback instead of a timeout.</remarks>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);
}
