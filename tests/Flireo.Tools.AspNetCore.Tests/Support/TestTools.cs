namespace Flireo.Tools.AspNetCore.Tests.Support;

public sealed record Contact(string Name, string Phone);

/// <summary>Tools served by the test app.</summary>
public sealed class TestTools(TestProbe probe)
{
    [FlireoTool("lookup_contact", Description = "Looks up a contact by name.")]
    public Contact LookupContact(string query) => new(query, "+31612345678");

    [FlireoTool("hang", Description = "Never finishes and ignores cancellation.")]
    public async Task<string> HangAsync()
    {
        probe.Started.TrySetResult();
        await probe.Release.Task;
        return "late";
    }

    [FlireoTool("explode", Description = "Always throws.")]
    public string Explode() => throw new InvalidOperationException("connection string Server=db;Password=hunter2");

    [FlireoTool("log_interest", Description = "Logs interest for follow-up.", Async = true, Message = "Noted.")]
    public Task LogInterestAsync(string product) => Task.CompletedTask;
}
