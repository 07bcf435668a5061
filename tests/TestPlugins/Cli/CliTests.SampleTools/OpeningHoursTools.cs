using System.ComponentModel;
using Flireo.Tools;

namespace CliTests.SampleTools;

/// <summary>A static tool class.</summary>
public static class OpeningHoursTools
{
    [FlireoTool("get_opening_hours", Description = "Tells when the restaurant is open on a day of the week.", TimeoutSeconds = 2)]
    public static string GetOpeningHours([Description("The day of the week")] DayOfWeek day)
        => day is DayOfWeek.Monday ? "Closed on Mondays." : "Open from 17:00 to 23:00.";
}
