using Flireo.Examples.Restaurant.Reservations;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Tests.TestSupport;

namespace Flireo.Examples.Tests.Tools;

public class BookTableTests
{
    [Fact]
    public async Task BookTable_FreeTable_ReturnsConfirmationWithCode()
    {
        using var host = new RestaurantHost();

        var confirmation = await host.CallForAsync<BookingConfirmation>("book_table", new { date = "2026-03-07", time = "19:30", partySize = 3, name = "Jan Smit", seating = "Terrace", notes = "Birthday" }, customerNumber: "+31600000001");

        confirmation.ConfirmationCode.Should().MatchRegex("^[A-Z]{3}-[0-9]{3}$");
        confirmation.Seating.Should().Be(SeatingArea.Terrace);
        confirmation.Message.Should().Be($"Booked a table for 3 on the terrace on Saturday 7 March at 19:30 under the name Jan Smit. The confirmation code is {confirmation.ConfirmationCode}.");
    }

    [Fact]
    public async Task BookTable_WithoutPhone_BooksUnderTheCallersNumber()
    {
        using var host = new RestaurantHost();
        var confirmation = await host.CallForAsync<BookingConfirmation>("book_table", new { date = "2026-03-07", time = "18:00", partySize = 2, name = "Jan Smit" }, customerNumber: "+31600000001");

        var found = await host.CallForAsync<CustomerBookings>("find_bookings", new { }, customerNumber: "+31600000001");

        found.Name.Should().Be("Jan Smit");
        found.UpcomingBookings.Should().ContainSingle().Which.Code.Should().Be(confirmation.ConfirmationCode);
    }

    [Fact]
    public async Task BookTable_ExplicitPhone_WinsOverTheCallersNumber()
    {
        using var host = new RestaurantHost();
        await host.CallForAsync<BookingConfirmation>("book_table", new { date = "2026-03-07", time = "18:00", partySize = 2, name = "Jan Smit", phone = "+31 6 0000 0002" }, customerNumber: "+31600000001");

        var found = await host.CallForAsync<CustomerBookings>("find_bookings", new { phone = "+31600000002" });

        found.UpcomingBookings.Should().ContainSingle().Which.Phone.Should().Be("+31600000002");
    }

    [Fact]
    public async Task BookTable_NoPhoneAtAll_ReturnsError()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("book_table", new { date = "2026-03-07", time = "18:00", partySize = 2, name = "Jan Smit" }, customerNumber: null);

        result.Error.Should().Be("I need a phone number for the booking. Ask the caller for one.");
    }

    [Fact]
    public async Task BookTable_Full_ReturnsErrorWithAlternatives()
    {
        using var host = new RestaurantHost();
        (await host.CallAsync("book_table", new { date = "2026-03-06", time = "19:00", partySize = 8, name = "Big Party" })).Error.Should().BeNull();

        var result = await host.CallAsync("book_table", new { date = "2026-03-06", time = "20:00", partySize = 7, name = "Other Party" });

        result.Error.Should().Be("Sorry, there is no table for 7 on Friday 6 March at 20:00. Free times that day: 17:00, 21:00.");
    }

    [Fact]
    public async Task BookTable_ClosedDay_ReturnsError()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("book_table", new { date = "2026-03-09", time = "19:00", partySize = 2, name = "Jan Smit" });

        result.Error.Should().Be("Sorry, we are closed on Mondays.");
    }

    [Fact]
    public async Task BookTable_BeforeOpening_ReturnsErrorWithOpeningHours()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("book_table", new { date = "2026-03-05", time = "12:00", partySize = 2, name = "Jan Smit" });

        result.Error.Should().Be("On Thursdays we are open from 17:00 to 22:00, and the last table is at 20:00. Free times that day: 17:00, 17:30, 18:00.");
    }

    [Fact]
    public async Task BookTable_NameTooShort_ReturnsValidationError()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("book_table", new { date = "2026-03-07", time = "19:00", partySize = 2, name = "J" });

        result.Error.Should().StartWith("Parameter 'name' of tool 'book_table' is invalid");
    }

    [Fact]
    public async Task BookTable_ManyCallersForTheLastTable_BooksItOnce()
    {
        using var host = new RestaurantHost();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => host.CallAsync("book_table", new { date = "2026-03-07", time = "19:00", partySize = 8, name = $"Party {i}" }))));

        results.Count(r => !r.IsError).Should().Be(1);
        results.Where(r => r.IsError).Should().OnlyContain(r => r.Error!.StartsWith("Sorry, ", StringComparison.Ordinal));
    }
}
