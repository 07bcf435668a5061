using Flireo.Examples.Docs.Tests.Support;
using Flireo.Examples.Restaurant.Tools;
using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/timeouts-and-async.md shows: a sync tool past its deadline and an acknowledged async tool.</summary>
internal static class TimeoutsOutputs
{
    [DocOutput("timeouts-sync-deadline")]
    public static async Task<string> SyncDeadline()
    {
        await using var host = PracticeHost.Create(insurers: () => new PracticeHost.HangingApi());

        var pending = host.CallToolAsync("check_coverage", new { insurer = "Zilveren Kruis", kind = "Filling" });
        await host.WaitForTimerAsync(TimeSpan.FromSeconds(9));
        host.Time.Advance(TimeSpan.FromSeconds(9));
        var answer = await pending;

        return Json.Pretty(answer.Body);
    }

    [DocOutput("timeouts-async-acknowledged")]
    public static async Task<string> AsyncAcknowledged()
    {
        await using var host = FlireoTestHost.Create(
            services => services.AddRestaurantServices().AddFlireoTools().AddToolsFromAssemblyOf<ReservationTools>(),
            options => options.StartTime = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));
        var booked = await host.CallToolAsync("book_table", new { date = "2026-03-07", time = "19:30", partySize = 2, name = "Jan Smit" });

        var answer = await host.CallToolAsync("send_confirmation_sms", new { confirmationCode = booked.ResultAs<BookingConfirmation>().ConfirmationCode });

        return Json.Pretty(answer.Body);
    }
}
