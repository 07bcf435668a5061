using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MyTools.Tests;

public sealed class OpeningHoursToolsTests
{
    [Fact]
    public async Task GetOpeningHours_Saturday_ClosesAtOne()
    {
        // AddToolsFromAssemblyOf also runs ToolsStartup, as the self-hosted server does.
        await using var host = FlireoTestHost.Create(services => services.AddFlireoTools().AddToolsFromAssemblyOf<OpeningHoursTools>());

        var answer = await host.CallToolAsync("get_opening_hours", new { day = "Saturday" });

        answer.ResultAs<OpeningHours>().Closes.Should().Be(new TimeOnly(13, 0));
    }

    [Fact]
    public async Task IsOpenNow_SundayMorning_SaysClosed()
    {
        // The host's clock is fake; it starts on a Sunday morning here.
        await using var host = FlireoTestHost.Create(
            services => services.AddFlireoTools().AddToolsFromAssemblyOf<OpeningHoursTools>(),
            options => options.StartTime = new DateTimeOffset(2030, 1, 13, 10, 0, 0, TimeSpan.Zero));

        var answer = await host.CallToolAsync("is_open_now");

        answer.ResultAs<string>().Should().Be("No, closed right now.");
    }
}
