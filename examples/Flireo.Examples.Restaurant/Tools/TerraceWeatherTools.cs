using System.ComponentModel;
using System.Globalization;
using Flireo.Examples.Restaurant.Weather;
using Flireo.Tools;

namespace Flireo.Examples.Restaurant.Tools;

/// <summary>Tells callers whether the terrace is likely to be pleasant, from a weather forecast service.</summary>
/// <param name="weather">The forecast client.</param>
/// <param name="clock">The clock for "today".</param>
public sealed class TerraceWeatherTools(WeatherClient weather, TimeProvider clock)
{
    private const int ForecastDays = 14;

    /// <summary>Gets the forecast for a day and advises whether to book the terrace.</summary>
    /// <param name="date">The day of the visit.</param>
    /// <param name="cancellationToken">Cancelled when the tool's 5-second limit passes; passed on to the HTTP request.</param>
    /// <returns>A <see cref="TerraceForecast"/>, or an error the assistant can say when no forecast is available.</returns>
    [FlireoTool("get_terrace_weather", TimeoutSeconds = 5, Message = "Let me look at the forecast.",
        Description = "Gets the weather forecast for a day and says whether the terrace is likely to be pleasant. Use it when the caller asks about sitting outside.")]
    public async Task<ToolResult> GetTerraceWeatherAsync(
        [Description("Day of the visit, for example 2026-03-06. At most 14 days ahead.")] DateOnly date,
        CancellationToken cancellationToken = default)
    {
        var today = clock.Today();
        if (date < today || date > today.AddDays(ForecastDays))
        {
            return ToolResult.Error($"I can only check the weather from today up to {ForecastDays} days ahead.");
        }

        var forecast = await weather.GetDailyForecastAsync(date, cancellationToken);
        if (forecast is null)
        {
            return ToolResult.Error("The weather forecast is not available right now. Tell the caller the terrace opens when the weather allows, and offer an indoor table as a fallback.");
        }

        var pleasant = forecast.MaxTemperatureCelsius >= 16 && forecast.PrecipitationProbabilityPercent < 40 && forecast.MaxWindSpeedKmh < 30;
        var summary = string.Create(CultureInfo.InvariantCulture, $"{Spoken.Date(date)}: up to {forecast.MaxTemperatureCelsius:0} degrees, {forecast.PrecipitationProbabilityPercent}% chance of rain.");
        var advice = pleasant
            ? $"{summary} The terrace should be lovely."
            : $"{summary} The terrace may not be pleasant; suggest an indoor table, or a terrace table with the option to move inside.";
        return ToolResult.Ok(new TerraceForecast(date, forecast.MaxTemperatureCelsius, forecast.PrecipitationProbabilityPercent, forecast.MaxWindSpeedKmh, pleasant, advice));
    }
}
