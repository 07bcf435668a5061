using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Flireo.Tools.Mcp.Tests.TestSupport;

public enum Seating
{
    Any,
    Indoor,
    Terrace,
}

/// <summary>A booking request with a nested object, an enum, a format and a nullable list: a schema worth comparing.</summary>
public sealed record BookingRequest(
    [property: Description("Day of the visit")] DateOnly Date,
    [property: Range(1, 20)] int Guests,
    Seating Seating = Seating.Any,
    IReadOnlyList<string>? Notes = null);

/// <summary>Counts the calls that reached it, to show a singleton service is injected as over the webhook.</summary>
public sealed class VisitCounter
{
    private int _count;

    public int Next() => Interlocked.Increment(ref _count);
}

/// <summary>Receives what the async tool saw when it ran in the background.</summary>
public sealed class BackgroundSink
{
    public TaskCompletionSource<(string Email, ToolCallContext Context)> Ran { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The tools every MCP test host serves.</summary>
public sealed class McpTestTools
{
    public const string SummaryAcknowledgement = "I'll send the summary by e-mail.";

    [FlireoTool("greet", Description = "Greets a caller by name.")]
    public static string Greet([Description("The caller's first name")] string name) => $"Hello, {name}!";

    [FlireoTool("add_guests", Description = "Adds up the adults and children of a party.")]
    public static object AddGuests([Range(1, 20)] int adults, int children = 0) => new { total = adults + children };

    [FlireoTool("book_table", Description = "Books a table once the guest has confirmed day and party size.")]
    public static string BookTable(BookingRequest request) => $"Booked {request.Guests} on {request.Date:yyyy-MM-dd} ({request.Seating}, {request.Notes?.Count ?? 0} notes).";

    [FlireoTool("count_visits", Description = "Counts the calls so far.")]
    public static int CountVisits(VisitCounter counter) => counter.Next();

    [FlireoTool("whoami", Description = "Tells which call and request the tool runs for.")]
    public static object WhoAmI(ToolCallContext context) => new
    {
        sessionId = context.McpSessionId,
        requestId = context.McpRequestId,
        toolCallId = context.ToolCallId,
        callId = context.CallId,
        background = context.IsBackground,
    };

    [FlireoTool("send_summary", Async = true, Message = SummaryAcknowledgement, Description = "E-mails a summary of the call.")]
    public static void SendSummary([EmailAddress] string email, ToolCallContext context, BackgroundSink sink) => sink.Ran.TrySetResult((email, context));
}

/// <summary>Tools that wait until they are cancelled, to meet the MCP deadlines.</summary>
public sealed class WaitingTools
{
    [FlireoTool("wait_default", Description = "Waits until cancelled; no limit of its own.")]
    public static async Task<string> WaitDefault(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    }

    [FlireoTool("wait_45", Description = "Waits until cancelled; its own limit is 45 seconds.", TimeoutSeconds = 45)]
    public static async Task<string> Wait45(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    }

    [FlireoTool("wait_120", Description = "Waits until cancelled; asks for 120 seconds, more than MCP allows.", TimeoutSeconds = 120)]
    public static async Task<string> Wait120(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    }
}
