using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Tests.TestSupport;

namespace Flireo.Examples.Tests.Tools;

public class CheckAvailabilityTests
{
    [Fact]
    public async Task CheckAvailability_FreeTable_ReturnsAvailable()
    {
        using var host = new RestaurantHost();

        var availability = await host.CallForAsync<Availability>("check_availability", new { date = "2026-03-06", time = "19:30", partySize = 4, seating = "Indoor" });

        availability.Available.Should().BeTrue();
        availability.Message.Should().Be("A table for 4 inside is free on Friday 6 March at 19:30.");
        availability.AlternativeTimes.Should().BeEmpty();
    }

    [Fact]
    public async Task CheckAvailability_ClosedDay_SaysSoWithoutAlternatives()
    {
        using var host = new RestaurantHost();

        var availability = await host.CallForAsync<Availability>("check_availability", new { date = "2026-03-09", time = "19:00", partySize = 2 });

        availability.Available.Should().BeFalse();
        availability.Message.Should().Be("Sorry, we are closed on Mondays.");
        availability.AlternativeTimes.Should().BeEmpty();
    }

    [Fact]
    public async Task CheckAvailability_AfterLastSeating_OffersTheLatestFreeTimes()
    {
        using var host = new RestaurantHost();

        var availability = await host.CallForAsync<Availability>("check_availability", new { date = "2026-03-06", time = "22:00", partySize = 2 });

        availability.Available.Should().BeFalse();
        availability.Message.Should().Be("On Fridays we are open from 17:00 to 23:00, and the last table is at 21:00.");
        availability.AlternativeTimes.Should().Equal(new TimeOnly(20, 0), new TimeOnly(20, 30), new TimeOnly(21, 0));
    }

    [Fact]
    public async Task CheckAvailability_Full_OffersTimesAtLeastOneSittingAway()
    {
        using var host = new RestaurantHost();
        // The only table for 8 is taken at 19:00; a sitting lasts two hours.
        (await host.CallAsync("book_table", new { date = "2026-03-06", time = "19:00", partySize = 8, name = "Big Party" })).Error.Should().BeNull();

        var availability = await host.CallForAsync<Availability>("check_availability", new { date = "2026-03-06", time = "19:30", partySize = 8 });

        availability.Available.Should().BeFalse();
        availability.Message.Should().Be("Sorry, there is no table for 8 on Friday 6 March at 19:30.");
        availability.AlternativeTimes.Should().Equal(new TimeOnly(17, 0), new TimeOnly(21, 0));
    }

    [Fact]
    public async Task CheckAvailability_SeatingArea_OnlyCountsTablesInThatArea()
    {
        using var host = new RestaurantHost();
        // Terrace tables for 5 or more do not exist.

        var terrace = await host.CallForAsync<Availability>("check_availability", new { date = "2026-03-06", time = "19:00", partySize = 6, seating = "Terrace" });
        var indoor = await host.CallForAsync<Availability>("check_availability", new { date = "2026-03-06", time = "19:00", partySize = 6, seating = "Indoor" });

        terrace.Available.Should().BeFalse();
        terrace.Message.Should().Contain("no table for 6 on the terrace");
        indoor.Available.Should().BeTrue();
    }

    [Theory]
    [InlineData("2026-03-03", "19:00", "Tuesday 3 March at 19:00 has already passed.")]
    [InlineData("2026-03-04", "11:30", "Wednesday 4 March at 11:30 has already passed.")]
    [InlineData("2026-05-04", "19:00", "We take bookings up to 60 days ahead, so Monday 4 May cannot be booked yet.")]
    public async Task CheckAvailability_DateOutsideBookingWindow_ReturnsError(string date, string time, string expected)
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("check_availability", new { date, time, partySize = 2 });

        result.Error.Should().StartWith(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public async Task CheckAvailability_PartySizeOutOfRange_ReturnsValidationError(int partySize)
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("check_availability", new { date = "2026-03-06", time = "19:00", partySize });

        result.Error.Should().Be("Parameter 'partySize' of tool 'check_availability' is invalid: The field partySize must be between 1 and 8.");
    }
}
