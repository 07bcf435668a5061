using System.Net;
using Flireo.Examples.Restaurant.Messaging;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Restaurant.Weather;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Tools.Testing.Tests.Examples;

/// <summary>The restaurant example's tools, tested the way a tool author tests their own: through the real webhook pipeline.</summary>
public sealed class RestaurantToolsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset WednesdayNoon = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
    private readonly RecordingSmsSender _sms = new();
    private FlireoTestHost _host = null!;

    public Task InitializeAsync()
    {
        // The app's own registrations, a fake clock on Wednesday 4 March 2026, a weather API that never answers,
        // and text messages kept instead of sent.
        _host = FlireoTestHost.Create(
            services =>
            {
                services.AddSingleton<ISmsSender>(_sms);
                services.AddRestaurantServices();
                services.AddHttpClient<WeatherClient>().ConfigurePrimaryHttpMessageHandler(() => new HangingWeatherApi());
                services.AddFlireoTools().AddToolsFromAssemblyOf<ReservationTools>();
            },
            options => options.StartTime = WednesdayNoon);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task BookTable_FreeTable_ConfirmsWithACode()
    {
        var answer = await _host.CallToolAsync("book_table", new { date = "2026-03-07", time = "19:30", partySize = 3, name = "Jan Smit" });

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var confirmation = answer.ResultAs<BookingConfirmation>();
        confirmation.ConfirmationCode.Should().MatchRegex("^[A-Z]{3}-[0-9]{3}$");
        confirmation.Message.Should().StartWith("Booked a table for 3 inside on Saturday 7 March at 19:30 under the name Jan Smit.");
    }

    [Fact]
    public async Task FindBookings_AfterBooking_FindsItByTheCallersNumber()
    {
        var caller = new CallInfo { Id = "call-1", CustomerNumber = "+31600000001" };
        var booked = await _host.CallToolAsync("book_table", new { date = "2026-03-07", time = "18:00", partySize = 2, name = "Jan Smit" }, caller);

        var found = await _host.CallToolAsync("find_bookings", call: caller);

        found.ResultAs<CustomerBookings>().UpcomingBookings.Should().ContainSingle()
            .Which.Code.Should().Be(booked.ResultAs<BookingConfirmation>().ConfirmationCode);
    }

    [Fact]
    public async Task BookTable_ClosedDay_TellsTheModelWhy()
    {
        var answer = await _host.CallToolAsync("book_table", new { date = "2026-03-09", time = "19:00", partySize = 2, name = "Jan Smit" });

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Error.Should().Be("Sorry, we are closed on Mondays.");
    }

    [Fact]
    public async Task CheckAvailabilityAndGetMenu_InOneWebhook_AnswerEachCall()
    {
        var answer = await _host.CallToolsAsync(
            new TestToolCall("check_availability", new { date = "2026-03-07", time = "19:00", partySize = 4 }),
            new TestToolCall("get_menu", new { category = "Dessert" }));

        answer.Results.Should().HaveCount(2).And.OnlyContain(r => !r.IsError);
    }

    [Fact]
    public async Task SendConfirmationSms_AsyncTool_IsAcknowledgedAtOnceAndTextsInTheBackground()
    {
        var booked = await _host.CallToolAsync("book_table", new { date = "2026-03-07", time = "19:30", partySize = 2, name = "Jan Smit" });
        var code = booked.ResultAs<BookingConfirmation>().ConfirmationCode;

        var answer = await _host.CallToolAsync("send_confirmation_sms", new { confirmationCode = code });
        var (phoneNumber, text) = await _sms.Sent.WaitAsync(TimeSpan.FromSeconds(10));

        answer.ResultAs<string>().Should().Be("I'll text you the confirmation.");
        phoneNumber.Should().Be("+31612345678");
        text.Should().Contain(code);
    }

    [Fact]
    public async Task GetTerraceWeather_WeatherServiceHangs_AnswersPolitelyAfterItsThreeSecondLimit()
    {
        var pending = _host.CallToolAsync("get_terrace_weather", new { date = "2026-03-06" });
        await _host.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        _host.Time.Advance(TimeSpan.FromSeconds(3));
        var answer = await pending;

        answer.Error.Should().StartWith("The weather forecast is not available right now.");
    }
}
