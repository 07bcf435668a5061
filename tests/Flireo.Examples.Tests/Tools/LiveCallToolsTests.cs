using Flireo.Examples.Restaurant;
using Flireo.Examples.Restaurant.Messaging;
using Flireo.Examples.Restaurant.Reservations;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Examples.Tests.TestSupport;
using Flireo.Tools;
using Flireo.Tools.Testing;
using Flireo.Tools.Testing.Platform;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.Tests.Tools;

/// <summary>The restaurant tools that act on the live call, over the webhook pipeline, against a fake Flireo platform on loopback.</summary>
public class LiveCallToolsTests
{
    [Fact]
    public async Task SendConfirmationSms_AfterTheText_AnnouncesThatItIsSent()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var sms = new RecordingSmsSender();
        await using var host = CreateHost(platform, sms);

        var ack = await host.CallToolAsync("send_confirmation_sms", new { confirmationCode = "ANV-101" });
        var commands = await platform.WaitForCommandsAsync(1);

        ack.ResultAs<string>().Should().Be("I'll text you the confirmation.");
        sms.Sent.Should().ContainSingle().Which.PhoneNumber.Should().Be(Webhooks.AnnasNumber);
        (commands[0].CallId, commands[0].Type, commands[0].Content, commands[0].TriggerResponse).Should().Be(("call-1", "inject-context", "The confirmation text is sent.", true));
    }

    [Fact]
    public async Task SendConfirmationSms_UnknownBooking_AnnouncesTheRefusal()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        await using var host = CreateHost(platform, new RecordingSmsSender());

        await host.CallToolAsync("send_confirmation_sms", new { confirmationCode = "XYZ-999" });
        var commands = await platform.WaitForCommandsAsync(1);

        commands[0].Content.Should().Be("There is no confirmed booking with the code XYZ-999.");
    }

    [Fact]
    public async Task CheckAvailability_SlowBook_HandsOffAfterSixSecondsAndSpeaksTheAnswerLater()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = CreateHost(platform, new RecordingSmsSender(), slow.Task);

        var pending = host.CallToolAsync("check_availability", new { date = "2026-03-06", time = "19:30", partySize = 4, seating = "Indoor" });
        await host.WaitForTimerAsync(TimeSpan.FromSeconds(6));
        host.Time.Advance(TimeSpan.FromSeconds(6));
        var answer = await pending;
        platform.Commands.Should().BeEmpty();
        slow.SetResult();
        var commands = await platform.WaitForCommandsAsync(1);

        answer.ResultAs<string>().Should().StartWith("The reservation book is slow right now");
        commands.Should().ContainSingle();
        commands[0].Content.Should().StartWith("check_availability: {\"available\":true").And.Contain("is free on Friday 6 March at 19:30");
        commands[0].TriggerResponse.Should().BeTrue();
    }

    [Fact]
    public async Task CheckAvailability_QuickBook_AnswersNormally()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        await using var host = CreateHost(platform, new RecordingSmsSender());

        var answer = await host.CallToolAsync("check_availability", new { date = "2026-03-06", time = "19:30", partySize = 4, seating = "Indoor" });

        answer.ResultAs<Availability>(RestaurantHost.Json).Available.Should().BeTrue();
        platform.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task TransferToStaff_TransfersTheCallToTheFrontDesk()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        await using var host = CreateHost(platform, new RecordingSmsSender());

        var answer = await host.CallToolAsync("transfer_to_staff");

        answer.ResultAs<string>().Should().Be("The caller is being transferred to a colleague.");
        var command = host.Platform!.Commands.Should().ContainSingle().Subject;
        (command.CallId, command.Type, command.Destination, command.Message).Should().Be(("call-1", "transfer", "+31201234567", "Connecting you to a colleague now."));
    }

    [Fact]
    public async Task TransferToStaff_CallAlreadyEnded_TellsTheModel()
    {
        await using var platform = await FakeFlireoPlatform.StartAsync();
        platform.EndCall("call-1");
        await using var host = CreateHost(platform, new RecordingSmsSender());

        var answer = await host.CallToolAsync("transfer_to_staff");

        answer.Error.Should().Be("The call can no longer be transferred.");
    }

    private static FlireoTestHost CreateHost(FakeFlireoPlatform platform, RecordingSmsSender sms, Task? slowBook = null)
    {
        var host = FlireoTestHost.Create(
            (services, configuration) =>
            {
                services.AddSingleton<ISmsSender>(sms);
                services.AddRestaurantServices(configuration);
                if (slowBook is not null)
                {
                    // The restaurant's own book, behind a wait.
                    var book = services.Single(d => d.ServiceType == typeof(IReservationStore));
                    services.Remove(book);
                    services.AddSingleton<IReservationStore>(provider => new SlowStore((IReservationStore)ActivatorUtilities.CreateInstance(provider, book.ImplementationType!), slowBook));
                }

                services.AddFlireoTools().AddToolsFromAssemblyOf<ReservationTools>();
            },
            options =>
            {
                options.Platform = platform;
                options.StartTime = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
                options.Call = new CallInfo { Id = "call-1", CustomerNumber = Webhooks.AnnasNumber };
                options.Settings["Restaurant:Weather:BaseAddress"] = "https://weather.test/";
            });
        host.Time.SetLocalTimeZone(TimeZoneInfo.Utc);
        return host;
    }

    /// <summary>A reservation book whose table search waits until the test lets it go on.</summary>
    private sealed class SlowStore(IReservationStore inner, Task slow) : IReservationStore
    {
        public Task<IReadOnlyList<OpeningHours>> GetOpeningHoursAsync(CancellationToken cancellationToken) => inner.GetOpeningHoursAsync(cancellationToken);

        public async Task<IReadOnlyList<Table>> FindFreeTablesAsync(DateOnly day, TimeOnly time, int partySize, SeatingArea? seating, CancellationToken cancellationToken)
        {
            await slow.WaitAsync(cancellationToken);
            return await inner.FindFreeTablesAsync(day, time, partySize, seating, cancellationToken);
        }

        public Task<Booking?> TryBookAsync(BookingRequest request, CancellationToken cancellationToken) => inner.TryBookAsync(request, cancellationToken);

        public Task<Booking?> FindBookingAsync(string code, CancellationToken cancellationToken) => inner.FindBookingAsync(code, cancellationToken);

        public Task<Booking?> CancelBookingAsync(string code, CancellationToken cancellationToken) => inner.CancelBookingAsync(code, cancellationToken);

        public Task<IReadOnlyList<Booking>> FindBookingsByPhoneAsync(string phone, DateOnly from, CancellationToken cancellationToken) => inner.FindBookingsByPhoneAsync(phone, from, cancellationToken);

        public Task<Customer?> FindCustomerAsync(string phone, CancellationToken cancellationToken) => inner.FindCustomerAsync(phone, cancellationToken);
    }
}
