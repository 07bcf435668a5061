using Flireo.Examples.Docs.Tests.Examples;
using Flireo.Examples.Docs.Tests.Support;
using Flireo.Examples.Docs.WritingTools;
using Flireo.Tools;
using Flireo.Tools.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Flireo.Examples.Docs.Tests.Outputs;

/// <summary>What docs/writing-tools.md shows: the answers the dental practice's tools give the model.</summary>
internal static class WritingToolsOutputs
{
    [DocOutput("writing-tools-maintenance")]
    public static async Task<string> Maintenance()
    {
        await using var host = FlireoTestHost.Create(
            services => services.AddPracticeTools(new Uri("https://insurers.example/")).AddMaintenanceFilter(),
            options => options.StartTime = PracticeHost.Now);
        host.Services.GetRequiredService<MaintenanceSwitch>().IsOn = true;

        var answer = await host.CallToolAsync("book_appointment", new { date = "2026-03-10", time = "14:30", kind = "Cleaning", patientName = "Sanne de Boer" });

        return Json.Pretty(answer.Body);
    }

    [DocOutput("writing-tools-booked")]
    public static async Task<string> Booked()
    {
        await using var host = PracticeHost.Create();

        var answer = await host.CallToolAsync("book_appointment", new { date = "2026-03-10", time = "14:30", kind = "Cleaning", patientName = "Sanne de Boer" });

        return Json.Pretty(answer.Body);
    }

    [DocOutput("writing-tools-invalid-arguments")]
    public static async Task<string> InvalidArguments()
    {
        await using var host = PracticeHost.Create();
        var table = new MarkdownTable("The model calls", "The model is told");
        (string Tool, object Arguments)[] calls =
        [
            ("book_appointment", new { date = "2026-03-10", time = "14:30", kind = "Cleaning", patientName = "J" }),
            ("book_appointment", new { date = "2026-03-10", kind = "Cleaning", patientName = "Sanne de Boer" }),
            ("book_appointment", new { date = "next Tuesday", time = "14:30", kind = "Cleaning", patientName = "Sanne de Boer" }),
            ("book_appointment", new { date = "2026-03-10", time = "14:30", kind = "Whitening", patientName = "Sanne de Boer" }),
            ("register_patient", new { patient = new { fullName = "Sanne de Boer", birthDate = "1984-05-17", email = "sanne at example.com" } }),
            ("cancel_appointment", new { code = "123" }),
        ];

        foreach (var (tool, arguments) in calls)
        {
            var answer = await host.CallToolAsync(tool, arguments);
            table.Add(MarkdownTable.Code($"{tool} {Json.OneLine(arguments)}"), answer.Error ?? "(no error)");
        }

        return table.ToString();
    }

    [DocOutput("writing-tools-errors")]
    public static async Task<string> Errors()
    {
        await using var host = PracticeHost.Create();
        await using var detailed = PracticeHost.Create(detailedErrors: true);
        var table = new MarkdownTable("The tool", "The model is told");

        var taken = await host.CallToolAsync("book_appointment", new { date = "2026-03-10", time = "09:00", kind = "CheckUp", patientName = "Sanne de Boer" });
        var unknown = await host.CallToolAsync("cancel_appointment", new { code = "APT-999" });
        var cancelled = await host.CallToolAsync("cancel_appointment", new { code = (await host.CallToolAsync("book_appointment", new { date = "2026-03-10", time = "10:00", kind = "CheckUp", patientName = "Sanne de Boer" })).ResultAs<Appointment>().Code });
        var down = await host.CallToolAsync("check_coverage", new { insurer = "Zilveren Kruis", kind = "Filling" });
        var downDetailed = await detailed.CallToolAsync("check_coverage", new { insurer = "Zilveren Kruis", kind = "Filling" });

        table.Add("returns `ToolResult.Error(…)` (09:00 is taken)", taken.Error!);
        table.Add("throws `FlireoToolException` (unknown code)", unknown.Error!);
        table.Add("throws anything else (the insurers' API is down)", down.Error!);
        table.Add("the same, with `IncludeDetailedErrors` on", downDetailed.Error!);
        table.Add("returns `Task` and completes", MarkdownTable.Code(Json.OneLine(cancelled.Result!.Value)));
        return table.ToString();
    }

    [DocOutput("writing-tools-startup-error")]
    public static string StartupError()
    {
        try
        {
            ToolCatalog.Create([typeof(ReminderTools)]);
            return "(no error)";
        }
        catch (FlireoToolsConfigurationException ex)
        {
            return ex.Message;
        }
    }
}
