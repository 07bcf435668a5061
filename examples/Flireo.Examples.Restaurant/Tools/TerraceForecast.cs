namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Represents the answer of <c>get_terrace_weather</c>.</summary>
/// <param name="Date">The day.</param>
/// <param name="MaxTemperatureCelsius">The highest temperature, in degrees Celsius.</param>
/// <param name="ChanceOfRainPercent">The highest chance of rain, in percent.</param>
/// <param name="MaxWindSpeedKmh">The highest wind speed, in kilometres per hour.</param>
/// <param name="TerraceRecommended">Whether the terrace is likely to be pleasant.</param>
/// <param name="Advice">A sentence the assistant can say.</param>
public sealed record TerraceForecast(DateOnly Date, double MaxTemperatureCelsius, int ChanceOfRainPercent, double MaxWindSpeedKmh, bool TerraceRecommended, string Advice);
