using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Tests.TestSupport;

namespace Flireo.Examples.Tests.Tools;

public class CancelBookingTests
{
    [Fact]
    public async Task CancelBooking_UpcomingBooking_CancelsItAndFreesTheTable()
    {
        using var host = new RestaurantHost();

        var cancelled = await host.CallForAsync<CancellationConfirmation>("cancel_booking", new { confirmationCode = "ANV-101" });

        cancelled.Message.Should().Be("The booking ANV-101 for Friday 6 March at 19:00 is cancelled.");
        var anna = await host.CallForAsync<CustomerBookings>("find_bookings", new { });
        anna.UpcomingBookings.Should().BeEmpty();
    }

    [Fact]
    public async Task CancelBooking_LowercaseCodeWithoutDash_IsUnderstood()
    {
        using var host = new RestaurantHost();

        var cancelled = await host.CallForAsync<CancellationConfirmation>("cancel_booking", new { confirmationCode = "sbk303" });

        cancelled.ConfirmationCode.Should().Be("SBK-303");
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("ANV-1010")]
    [InlineData("the one from Friday")]
    public async Task CancelBooking_MalformedCode_ReturnsValidationErrorTheModelCanActOn(string code)
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("cancel_booking", new { confirmationCode = code });

        result.Error.Should().Be("Parameter 'confirmationCode' of tool 'cancel_booking' is invalid: A confirmation code is three letters and three digits, like ANV-101. Ask the caller to read it again.");
    }

    [Fact]
    public async Task CancelBooking_UnknownCode_ReturnsError()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("cancel_booking", new { confirmationCode = "XYZ-999" });

        result.Error.Should().Be("There is no booking with the code XYZ-999. Ask the caller to check the code, or look the booking up by phone number.");
    }

    [Fact]
    public async Task CancelBooking_Twice_SecondCallSaysAlreadyCancelled()
    {
        using var host = new RestaurantHost();
        (await host.CallAsync("cancel_booking", new { confirmationCode = "PJN-202" })).Error.Should().BeNull();

        var result = await host.CallAsync("cancel_booking", new { confirmationCode = "PJN-202" });

        result.Error.Should().Be("The booking PJN-202 was already cancelled.");
    }

    [Fact]
    public async Task CancelBooking_PastBooking_ReturnsError()
    {
        using var host = new RestaurantHost();

        var result = await host.CallAsync("cancel_booking", new { confirmationCode = "ANV-102" });

        result.Error.Should().Be("The booking ANV-102 was for Wednesday 25 February, which has passed, so it cannot be cancelled.");
    }
}
