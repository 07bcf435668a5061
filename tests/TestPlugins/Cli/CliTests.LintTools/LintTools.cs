using System.ComponentModel;
using System.Text.Json;
using Flireo.Tools;

namespace CliTests.LintTools;

/// <summary>Tools the server accepts but a reviewer would not: each method trips specific lint rules.</summary>
/// <remarks>Tools that are not about FLT107 say a Message, so that they trip only the rules named above them.</remarks>
public sealed class LintTools
{
    // FLT101 (no description: an error), FLT103 (not snake_case), FLT102 (parameter without description).
    [FlireoTool("GetWeather", Message = "Let me look outside.")]
    public string GetWeather(string city) => $"Sunny in {city}.";

    // FLT104 twice: object and JsonElement give the model no schema.
    [FlireoTool("store_note", Description = "Stores a note about the caller.", Message = "Noting that down.")]
    public void StoreNote([Description("The note")] object payload, [Description("Extra data")] JsonElement extra)
    {
    }

    // FLT104: dynamic.
    [FlireoTool("log_event", Description = "Logs an event.", Message = "One moment.")]
    public void LogEvent([Description("The event")] dynamic data)
    {
    }

    // FLT105: a dictionary cannot be strict.
    [FlireoTool("tag_caller", Description = "Tags the caller.", Message = "One moment.")]
    public void TagCaller([Description("Tags by name")] Dictionary<string, string> tags)
    {
    }

    // FLT106: a timeout above the 9 s webhook deadline has no effect.
    [FlireoTool("slow_lookup", Description = "Looks something up slowly.", TimeoutSeconds = 30, Message = "Let me look that up.")]
    public string SlowLookup() => "done";

    // FLT107: a sync tool that may run the whole 9 s webhook deadline with nothing said is dead air.
    [FlireoTool("lookup_order", Description = "Looks up an order in the shop system.")]
    public string LookupOrder([Description("The order number")] string orderNumber) => $"Order {orderNumber} has shipped.";

    // No finding: a sync tool that answers within 3 s needs no Message.
    [FlireoTool("quick_answer", Description = "Answers at once.", TimeoutSeconds = 3)]
    public string QuickAnswer() => "42";

    // FLT108 without Flireo:Api:Key: the result is spoken into the call through the Call Control API.
    [FlireoTool("confirm_booking", Description = "Texts the booking confirmation.", Async = true, AnnounceResult = true, Message = "I'll text you the confirmation.")]
    public string ConfirmBooking() => "The confirmation text is sent.";

    // FLT108 without Flireo:Api:Key, and no FLT106: a tool that hands off may run past the webhook deadline.
    [FlireoTool("check_table", Description = "Checks for a free table.", HandOffAfterSeconds = 3, TimeoutSeconds = 60, Message = "Let me check the book.")]
    public string CheckTable() => "A table is free.";
}
