using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Docs.Tests.Examples;

// The first test of docs/testing-your-tools.md, for the tool of docs/getting-started.md.
#region first-tool-test
public sealed class OpeningHoursToolsTests
{
    [Fact]
    public async Task GetOpeningHours_Friday_ClosesAtOne()
    {
        await using var host = FlireoTestHost.Create(services => services.AddFlireoTools().AddTools<OpeningHoursTools>());

        var answer = await host.CallToolAsync("get_opening_hours", new { day = "Friday" });

        answer.ResultAs<OpeningHours>().Closes.Should().Be(new TimeOnly(13, 0));
    }
}
#endregion
