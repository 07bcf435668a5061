using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.Restaurant.Weather;

/// <summary>Reads daily forecasts from the Open-Meteo API; a typed <see cref="HttpClient"/> registered with <c>AddHttpClient</c>.</summary>
/// <remarks>
/// Every failure (no connection, an error status, an unreadable answer, no answer within
/// <see cref="WeatherOptions.Timeout"/>) is logged and reported as "no forecast", so the tool can fall back politely.
/// Only a cancelled <c>cancellationToken</c> (the tool call's deadline) ends the call with an exception.
/// </remarks>
public sealed class WeatherClient
{
    private readonly HttpClient _http;
    private readonly WeatherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="WeatherClient"/> class.</summary>
    /// <param name="http">The client from <see cref="IHttpClientFactory"/>, with its base address set.</param>
    /// <param name="options">The restaurant options, whose <see cref="RestaurantOptions.Weather"/> section is used.</param>
    /// <param name="time">The clock the timeout runs on.</param>
    /// <param name="logger">The logger for failures.</param>
    public WeatherClient(HttpClient http, IOptions<RestaurantOptions> options, TimeProvider time, ILogger<WeatherClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options.Value.Weather;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the forecast for one day at the configured location.</summary>
    /// <param name="date">The day, at most about two weeks ahead.</param>
    /// <param name="cancellationToken">Cancels the request, for example when the tool call's deadline passes.</param>
    /// <returns>The forecast, or <see langword="null"/> when the service failed or has no forecast for that day.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DailyForecast?> GetDailyForecastAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var uri = string.Create(
            CultureInfo.InvariantCulture,
            $"v1/forecast?latitude={_options.Latitude}&longitude={_options.Longitude}&daily=temperature_2m_max,precipitation_probability_max,wind_speed_10m_max&timezone=auto&start_date={day}&end_date={day}");

        // Our own, shorter time limit on the caller's token: HttpClient.Timeout would only fire after 100 seconds.
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.GetAsync(uri, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                Log.WeatherFailedStatus(_logger, (int)response.StatusCode);
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync(OpenMeteoJsonContext.Default.OpenMeteoResponse, linked.Token);
            return Read(body?.Daily, date);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.WeatherTimedOut(_logger, _options.Timeout.TotalMilliseconds);
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException)
        {
            Log.WeatherFailed(_logger, ex);
            return null;
        }
    }

    private static DailyForecast? Read(OpenMeteoDaily? daily, DateOnly date)
    {
        var index = daily?.Time is { } days ? Array.IndexOf(days, date) : -1;
        if (index < 0
            || daily!.TemperatureMax?.ElementAtOrDefault(index) is not { } temperature
            || daily.PrecipitationProbabilityMax?.ElementAtOrDefault(index) is not { } rain
            || daily.WindSpeedMax?.ElementAtOrDefault(index) is not { } wind)
        {
            return null;
        }

        return new DailyForecast(date, temperature, rain, wind);
    }
}
