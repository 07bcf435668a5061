using System.ComponentModel.DataAnnotations;

namespace Flireo.Tools.Testing.Tests.Support;

public enum Course
{
    Starter,
    Main,
}

public sealed record Dish(string Name, Course Course, decimal Price);

public sealed record Caller(string? Number, string? CallId, string? CallType, string? Metadata);

/// <summary>Tools the package's tests call through the test host.</summary>
public sealed class SampleTools(Probe probe, TimeProvider clock)
{
    [FlireoTool("find_dish", Description = "Finds a dish by name.")]
    public Dish FindDish([StringLength(40, MinimumLength = 2)] string name, Course course = Course.Main) => new(name, course, 12.5m);

    [FlireoTool("who_is_calling", Description = "Tells who is calling.")]
    public Caller WhoIsCalling(ToolCallContext call)
        => new(call.CustomerNumber, call.CallId, call.CallType, call.AssistantMetadata?.GetRawText());

    [FlireoTool("closed", Description = "Always answers with an error.")]
    public ToolResult Closed() => ToolResult.Error("Sorry, we are closed today.");

    [FlireoTool("count", Description = "Counts how often it ran.")]
    public int Count() => probe.Increment();

    [FlireoTool("now", Description = "Tells the time.")]
    public DateTimeOffset Now() => clock.GetUtcNow();

    [FlireoTool("hang", Description = "Never finishes and ignores cancellation.")]
    public async Task<string> HangAsync()
    {
        probe.Started.TrySetResult();
        await probe.Release.Task;
        return "late";
    }

    [FlireoTool("quick_hang", TimeoutSeconds = 2, Description = "Hangs too, but may only take two seconds.")]
    public async Task<string> QuickHangAsync()
    {
        probe.Started.TrySetResult();
        await probe.Release.Task;
        return "late";
    }

    [FlireoTool("note_interest", Async = true, Message = "Noted.", Description = "Notes interest in the background.")]
    public Task NoteInterestAsync(string product) => Task.CompletedTask;
}
