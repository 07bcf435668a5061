using System.Net;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Tests.TestSupport;

namespace Flireo.Examples.Tests.Tools;

public class TerraceWeatherToolsTests
{
    private const string Unavailable = "The weather forecast is not available right now. Tell the caller the terrace opens when the weather allows, and offer an indoor table as a fallback.";

    private static string Forecast(double temperature, int rain, double wind) => $$$"""
        {"latitude":52.37,"longitude":4.9,"daily_units":{"time":"iso8601"},
         "daily":{"time":["2026-03-06"],"temperature_2m_max":[{{{temperature}}}],"precipitation_probability_max":[{{{rain}}}],"wind_speed_10m_max":[{{{wind}}}]}}
        """;

    [Fact]
    public async Task GetTerraceWeather_WarmDryDay_RecommendsTheTerrace()
    {
        using var host = new RestaurantHost();
        host.Weather.Respond = (_, _) => Task.FromResult(StubHttpHandler.Json(Forecast(21.4, 10, 12)));

        var forecast = await host.CallForAsync<TerraceForecast>("get_terrace_weather", new { date = "2026-03-06" });

        forecast.Should().Be(new TerraceForecast(new DateOnly(2026, 3, 6), 21.4, 10, 12, true, "Friday 6 March: up to 21 degrees, 10% chance of rain. The terrace should be lovely."));
    }

    [Fact]
    public async Task GetTerraceWeather_RequestsTheConfiguredServiceForThatDay()
    {
        using var host = new RestaurantHost();
        host.Weather.Respond = (_, _) => Task.FromResult(StubHttpHandler.Json(Forecast(21.4, 10, 12)));

        await host.CallAsync("get_terrace_weather", new { date = "2026-03-06" });

        var uri = host.Weather.Requests.Should().ContainSingle().Subject;
        uri.GetLeftPart(UriPartial.Path).Should().Be("https://weather.test/v1/forecast");
        uri.Query.Should().Contain("latitude=52.3676").And.Contain("start_date=2026-03-06").And.Contain("end_date=2026-03-06");
    }

    [Fact]
    public async Task GetTerraceWeather_RainyDay_AdvisesIndoors()
    {
        using var host = new RestaurantHost();
        host.Weather.Respond = (_, _) => Task.FromResult(StubHttpHandler.Json(Forecast(14, 80, 25)));

        var forecast = await host.CallForAsync<TerraceForecast>("get_terrace_weather", new { date = "2026-03-06" });

        forecast.TerraceRecommended.Should().BeFalse();
        forecast.Advice.Should().StartWith("Friday 6 March: up to 14 degrees, 80% chance of rain. The terrace may not be pleasant");
    }

    [Fact]
    public async Task GetTerraceWeather_ServerError_ReturnsFallbackError()
    {
        using var host = new RestaurantHost();
        host.Weather.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var result = await host.CallAsync("get_terrace_weather", new { date = "2026-03-06" });

        result.Error.Should().Be(Unavailable);
    }

    [Fact]
    public async Task GetTerraceWeather_NoConnection_ReturnsFallbackError()
    {
        using var host = new RestaurantHost();
        host.Weather.Respond = (_, _) => throw new HttpRequestException("Name or service not known");

        var result = await host.CallAsync("get_terrace_weather", new { date = "2026-03-06" });

        result.Error.Should().Be(Unavailable);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"daily":{"time":["2026-03-07"],"temperature_2m_max":[20],"precipitation_probability_max":[0],"wind_speed_10m_max":[5]}}""")]
    [InlineData("""{"daily":{"time":["2026-03-06"],"temperature_2m_max":[null],"precipitation_probability_max":[0],"wind_speed_10m_max":[5]}}""")]
    public async Task GetTerraceWeather_UnusableAnswer_ReturnsFallbackError(string body)
    {
        using var host = new RestaurantHost();
        host.Weather.Respond = (_, _) => Task.FromResult(StubHttpHandler.Json(body));

        var result = await host.CallAsync("get_terrace_weather", new { date = "2026-03-06" });

        result.Error.Should().Be(Unavailable);
    }

    [Fact]
    public async Task GetTerraceWeather_ServiceTooSlow_GivesUpAfterItsTimeoutAndCancelsTheRequest()
    {
        using var host = new RestaurantHost();
        host.Weather.Respond = host.Weather.HangAsync;

        var call = host.CallAsync("get_terrace_weather", new { date = "2026-03-06" });
        await host.Weather.RequestStarted.Task;
        host.Time.Advance(TimeSpan.FromSeconds(3));
        var result = await call;

        result.Error.Should().Be(Unavailable);
        host.Weather.CancellationObserved.Task.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task GetTerraceWeather_ToolDeadlinePasses_CancelsTheRequest()
    {
        using var host = new RestaurantHost(new Dictionary<string, string?> { ["Restaurant:Weather:Timeout"] = "00:01:00" });
        host.Weather.Respond = host.Weather.HangAsync;

        var call = host.CallAsync("get_terrace_weather", new { date = "2026-03-06" });
        await host.Weather.RequestStarted.Task;
        host.Time.Advance(TimeSpan.FromSeconds(5));
        var result = await call;

        result.Error.Should().Contain("get_terrace_weather").And.Contain("5 seconds");
        await host.Weather.CancellationObserved.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("2026-03-03")]
    [InlineData("2026-03-19")]
    public async Task GetTerraceWeather_DayOutsideForecastRange_ReturnsErrorWithoutCallingTheService(string date)
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("get_terrace_weather", new { date });

        result.Error.Should().Be("I can only check the weather from today up to 14 days ahead.");
        host.Weather.Requests.Should().BeEmpty();
    }
}
