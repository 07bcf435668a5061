using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Tests.TestSupport;

namespace Flireo.Examples.Tests.Tools;

public class FindBookingsTests
{
    [Fact]
    public async Task FindBookings_NoPhoneGiven_UsesTheCallersNumberAndListsUpcomingOnly()
    {
        using var host = new RestaurantHost();

        var anna = await host.CallForAsync<CustomerBookings>("find_bookings", new { });

        anna.Phone.Should().Be(Webhooks.AnnasNumber);
        anna.Name.Should().Be("Anna de Vries");
        anna.Notes.Should().Be("Prefers the terrace.");
        anna.UpcomingBookings.Select(b => b.Code).Should().Equal("ANV-101");
    }

    [Fact]
    public async Task FindBookings_PhoneInAnotherFormat_FindsTheGuest()
    {
        using var host = new RestaurantHost();

        var pieter = await host.CallForAsync<CustomerBookings>("find_bookings", new { phone = "0031 6 8765 4321" });

        pieter.Name.Should().Be("Pieter Jansen");
        pieter.UpcomingBookings.Should().ContainSingle().Which.Date.Should().Be(RestaurantHost.Today.AddDays(4));
    }

    [Fact]
    public async Task FindBookings_UnknownNumber_ReturnsNoNameAndNoBookings()
    {
        using var host = new RestaurantHost();

        var unknown = await host.CallForAsync<CustomerBookings>("find_bookings", new { }, customerNumber: "+31699999999");

        unknown.Name.Should().BeNull();
        unknown.UpcomingBookings.Should().BeEmpty();
    }

    [Fact]
    public async Task FindBookings_HiddenNumberAndNoPhone_ReturnsError()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("find_bookings", new { }, customerNumber: null);

        result.Error.Should().Be("The caller's number is hidden. Ask for the phone number the booking was made with.");
    }
}
