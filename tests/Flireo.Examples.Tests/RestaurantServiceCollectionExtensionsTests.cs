using Flireo.Examples.Restaurant;
using Flireo.Examples.Restaurant.Reservations;
using Flireo.Examples.Tests.TestSupport;
using Flireo.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.Tests;

public class RestaurantServiceCollectionExtensionsTests
{
    [Fact]
    public void AddRestaurantServices_WithFlireoTools_ServesEveryRestaurantTool()
    {
        using var host = new RestaurantHost();

        var catalog = host.Services.GetRequiredService<ToolCatalog>();

        catalog.Tools.Select(t => t.Name).Should().BeEquivalentTo(
            "book_table", "cancel_booking", "check_availability", "find_bookings", "get_menu", "get_opening_hours", "get_terrace_weather", "send_confirmation_sms", "transfer_to_staff");
        catalog.Tools.Should().OnlyContain(t => !string.IsNullOrEmpty(t.Description));
        var sms = catalog.Tools.Single(t => t.Name == "send_confirmation_sms");
        sms.IsAsync.Should().BeTrue();
        sms.Message.Should().Be("I'll text you the confirmation.");
    }

    [Fact]
    public void AddRestaurantServices_InjectedParameters_StayOutOfTheSchema()
    {
        using var host = new RestaurantHost();
        var catalog = host.Services.GetRequiredService<ToolCatalog>();

        catalog.TryGetTool("book_table", out var bookTable).Should().BeTrue();

        bookTable!.Parameters.Select(p => p.Name).Should().Equal("date", "time", "partySize", "name", "phone", "seating", "notes");
        bookTable.Parameters.Where(p => p.IsRequired).Select(p => p.Name).Should().Equal("date", "time", "partySize", "name");
    }

    [Fact]
    public void AddRestaurantServices_BindsTheRestaurantSection()
    {
        using var host = new RestaurantHost(new Dictionary<string, string?> { ["Restaurant:Name"] = "Chez Test", ["Restaurant:Weather:Latitude"] = "48.85" });

        var options = host.Services.GetRequiredService<IOptions<RestaurantOptions>>().Value;

        options.Name.Should().Be("Chez Test");
        options.Weather.Latitude.Should().Be(48.85);
        options.Weather.BaseAddress.Should().Be(new Uri("https://weather.test/"));
    }

    [Fact]
    public void AddRestaurantServices_InvalidOptions_FailValidation()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Restaurant:SittingDuration"] = "00:05:00" })
            .Build();
        using var provider = new ServiceCollection().AddRestaurantServices(configuration).BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<RestaurantOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*SittingDuration*");
    }

    [Fact]
    public void AddRestaurantServices_OwnStoreRegisteredFirst_IsKept()
    {
        var services = new ServiceCollection();
        var own = new FakeStore();
        services.AddSingleton<IReservationStore>(own);

        services.AddRestaurantServices();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IReservationStore>().Should().BeSameAs(own);
    }

    private sealed class FakeStore : IReservationStore
    {
        public Task<IReadOnlyList<OpeningHours>> GetOpeningHoursAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<OpeningHours>>([]);

        public Task<IReadOnlyList<Table>> FindFreeTablesAsync(DateOnly day, TimeOnly time, int partySize, SeatingArea? seating, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Table>>([]);

        public Task<Booking?> TryBookAsync(BookingRequest request, CancellationToken cancellationToken) => Task.FromResult<Booking?>(null);

        public Task<Booking?> FindBookingAsync(string code, CancellationToken cancellationToken) => Task.FromResult<Booking?>(null);

        public Task<Booking?> CancelBookingAsync(string code, CancellationToken cancellationToken) => Task.FromResult<Booking?>(null);

        public Task<IReadOnlyList<Booking>> FindBookingsByPhoneAsync(string phone, DateOnly from, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Booking>>([]);

        public Task<Customer?> FindCustomerAsync(string phone, CancellationToken cancellationToken) => Task.FromResult<Customer?>(null);
    }
}
