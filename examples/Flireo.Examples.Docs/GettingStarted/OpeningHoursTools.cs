// The getting-started page has the reader paste this file into a new web project, whose types live in the global
// namespace like its Program.cs; keeping it there here too means the quoted Program.cs needs no using directive.
#pragma warning disable CA1050 // Declare types in namespaces

#region getting-started-tool
using System.ComponentModel;
using Flireo.Tools;

public sealed class OpeningHoursTools
{
    [FlireoTool("get_opening_hours", Description = "Tells when the practice is open on a day of the week. Use it when the caller asks when they can come by.")]
    public OpeningHours GetOpeningHours([Description("The day the caller asks about.")] DayOfWeek day) => day switch
    {
        DayOfWeek.Saturday or DayOfWeek.Sunday => new OpeningHours(day, IsOpen: false, Opens: null, Closes: null),
        DayOfWeek.Friday => new OpeningHours(day, IsOpen: true, Opens: new TimeOnly(8, 0), Closes: new TimeOnly(13, 0)),
        _ => new OpeningHours(day, IsOpen: true, Opens: new TimeOnly(8, 0), Closes: new TimeOnly(17, 30)),
    };
}

public sealed record OpeningHours(DayOfWeek Day, bool IsOpen, TimeOnly? Opens, TimeOnly? Closes);
#endregion
