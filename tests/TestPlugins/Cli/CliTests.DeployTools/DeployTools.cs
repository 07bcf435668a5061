using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Flireo.Tools;

[assembly: FlireoEndCallTool]
[assembly: FlireoTransferDestination("+31850000001", "The front desk, for anything the tools cannot answer", Message = "I'll put you through to the front desk.")]
[assembly: FlireoTransferDestination("sip:kitchen@pbx.example.com", "The kitchen, for allergy questions")]

namespace CliTests.DeployTools;

/// <summary>Two plain tools for push and diff.</summary>
public static class DeployTools
{
    [FlireoTool(Description = "Tells the opening hours of a day.")]
    public static string GetOpeningHours([Description("The day")] DayOfWeek day) => day == DayOfWeek.Monday ? "closed" : "17:00-23:00";

    [FlireoTool(Description = "Books a table.", Message = "Booking that for you.")]
    public static string BookTable([Description("Number of guests"), Range(1, 12)] int guests, [Description("Day of the visit")] DateOnly date) => $"B-{guests}-{date:MMdd}";
}
