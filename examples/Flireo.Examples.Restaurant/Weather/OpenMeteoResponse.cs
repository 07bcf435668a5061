using System.Text.Json.Serialization;

namespace Flireo.Examples.Restaurant.Weather;

/// <summary>The part of an Open-Meteo <c>/v1/forecast</c> answer that the terrace advice needs.</summary>
internal sealed record OpenMeteoResponse([property: JsonPropertyName("daily")] OpenMeteoDaily? Daily);

/// <summary>Daily values of an Open-Meteo answer: one array entry per day, in the order of <see cref="Time"/>.</summary>
internal sealed record OpenMeteoDaily(
    [property: JsonPropertyName("time")] DateOnly[]? Time,
    [property: JsonPropertyName("temperature_2m_max")] double?[]? TemperatureMax,
    [property: JsonPropertyName("precipitation_probability_max")] int?[]? PrecipitationProbabilityMax,
    [property: JsonPropertyName("wind_speed_10m_max")] double?[]? WindSpeedMax);

/// <summary>Reads Open-Meteo answers without reflection.</summary>
[JsonSerializable(typeof(OpenMeteoResponse))]
internal sealed partial class OpenMeteoJsonContext : JsonSerializerContext;
