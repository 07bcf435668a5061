using System.ComponentModel;
using System.Text.Json;
using Flireo.Tools;

namespace CliTests.LintTools;

/// <summary>Tools the server accepts but a reviewer would not: each method trips specific lint rules.</summary>
public sealed class LintTools
{
    // FLT101 (no description), FLT103 (not snake_case), FLT102 (parameter without description).
    [FlireoTool("GetWeather")]
    public string GetWeather(string city) => $"Sunny in {city}.";

    // FLT104 twice: object and JsonElement give the model no schema.
    [FlireoTool("store_note", Description = "Stores a note about the caller.")]
    public void StoreNote([Description("The note")] object payload, [Description("Extra data")] JsonElement extra)
    {
    }

    // FLT104: dynamic.
    [FlireoTool("log_event", Description = "Logs an event.")]
    public void LogEvent([Description("The event")] dynamic data)
    {
    }

    // FLT105: a dictionary cannot be strict.
    [FlireoTool("tag_caller", Description = "Tags the caller.")]
    public void TagCaller([Description("Tags by name")] Dictionary<string, string> tags)
    {
    }

    // FLT106: a timeout above the 9 s webhook deadline has no effect.
    [FlireoTool("slow_lookup", Description = "Looks something up slowly.", TimeoutSeconds = 30)]
    public string SlowLookup() => "done";

    // FLT107: an async response on a sync tool is never said.
    [FlireoTool("quick_answer", Description = "Answers at once.", AsyncResponse = "One moment please.")]
    public string QuickAnswer() => "42";
}
