using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flireo.Tools.Tests.TestSupport;

public enum Seating
{
    Indoor,
    Terrace,
}

public sealed record Guest(string Name, [property: Range(0, 120)] int? Age = null, [StringLength(20)] string? Allergy = null);

public interface IGreetingService
{
    string Greet(string name);
}

public sealed class GreetingService : IGreetingService
{
    public string Greet(string name) => $"Hello {name}";
}

public sealed class SampleTools(IGreetingService greetings)
{
    public static int Constructed;

    [FlireoTool(Description = "Checks a table.")]
    public static Task<string> CheckAvailabilityAsync(DateOnly date, [Range(1, 20)] int guests, Seating seating = Seating.Indoor, IReadOnlyList<Seating>? avoid = null, CancellationToken cancellationToken = default)
        => Task.FromResult($"{date:yyyy-MM-dd}/{guests}/{seating}");

    [FlireoTool("greet")]
    public string Greet([Description("Who")] string name, ToolCallContext context) => $"{greetings.Greet(name)} from {context.CustomerNumber} ({context.ToolCallId})";

    [FlireoTool("book_party")]
    public static object BookParty(IReadOnlyList<Guest> guests, TimeOnly? time = null, string? note = null)
        => new { count = guests.Count, first = guests[0].Name, time = time?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), note };

    [FlireoTool("sum")]
    public static ValueTask<decimal> SumAsync(decimal[] values) => ValueTask.FromResult(values.Sum());

    [FlireoTool("nothing")]
    public static void Nothing()
    {
    }

    [FlireoTool("nothing_async")]
    public static ValueTask NothingAsync() => ValueTask.CompletedTask;

    [FlireoTool("refuse")]
    public static ToolResult Refuse(string why) => ToolResult.Error($"No: {why}");

    [FlireoTool("ok_result")]
    public static ToolResult OkResult() => ToolResult.Ok(new { done = true });

    [FlireoTool("explode")]
    public static string Explode() => throw new InvalidOperationException("database password is hunter2");

    [FlireoTool("explain")]
    public static string Explain() => throw new FlireoToolException("The kitchen is closed today.");

    [FlireoTool("raw_simple")]
    public static JsonElement RawSimple() => JsonDocument.Parse("""{"result":{"x":1}}""").RootElement.Clone();

    [FlireoTool("raw_error")]
    public static JsonNode RawError() => new JsonObject { ["error"] = "upstream said no" };

    [FlireoTool("raw_object")]
    public static JsonElement RawObject(ToolCallContext context) => JsonDocument.Parse($$"""{"results":[{"toolCallId":"{{context.ToolCallId}}","result":"fine"}]}""").RootElement.Clone();

    [FlireoTool("raw_direct")]
    public static JsonNode RawDirect() => new JsonObject { ["name"] = "Jan" };

    [FlireoTool("json_string")]
    public static string JsonString() => """{"result":"not parsed"}""";

    [FlireoTool("count_constructions")]
    public int CountConstructions() => Interlocked.Increment(ref Constructed);

    [FlireoTool("send_sms", Async = true, Message = "I'll text you.")]
    public static Task SendSmsAsync([Phone] string phone, string text) => Task.CompletedTask;

    [FlireoTool("cycle")]
    public static object Cycle()
    {
        var a = new Node();
        a.Next = a;
        return a;
    }

    public sealed class Node
    {
        public Node? Next { get; set; }
    }
}
