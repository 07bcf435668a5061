namespace Flireo.Examples.Restaurant.Weather;

/// <summary>Represents the weather forecast for one day at the restaurant.</summary>
/// <param name="Date">The day.</param>
/// <param name="MaxTemperatureCelsius">The highest temperature, in degrees Celsius.</param>
/// <param name="PrecipitationProbabilityPercent">The highest chance of rain during the day, in percent.</param>
/// <param name="MaxWindSpeedKmh">The highest wind speed, in kilometres per hour.</param>
public sealed record DailyForecast(DateOnly Date, double MaxTemperatureCelsius, int PrecipitationProbabilityPercent, double MaxWindSpeedKmh);
