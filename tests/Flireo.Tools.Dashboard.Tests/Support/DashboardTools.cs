namespace Flireo.Tools.Dashboard.Tests.Support;

public enum Mood
{
    Happy,
    Grumpy,
}

/// <summary>Counts runs and lets a test hold a tool until it says so.</summary>
public sealed class ToolProbe
{
    private int _greetings;

    public int Greetings => Volatile.Read(ref _greetings);

    public TaskCompletionSource SlowStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource SlowRelease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets or sets how many runs of <c>dash_flaky</c> fail before one succeeds.</summary>
    public int FlakyFailures { get; set; } = 1;

    public TaskCompletionSource FlakySucceeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource HoldStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource HoldRelease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void Greeted() => Interlocked.Increment(ref _greetings);
}

/// <summary>The tools most dashboard tests serve.</summary>
public sealed class DashboardTools(ToolProbe probe)
{
    [FlireoTool("dash_greet", Description = "Greets someone <b>warmly</b> & says their mood.", Message = "One moment, I'll look that up <now>.")]
    public string Greet(string name, Mood mood = Mood.Happy, int times = 1, bool shout = false)
    {
        probe.Greeted();
        var text = $"Hello, {name} ({mood}) x{times}";
        return shout ? text.ToUpperInvariant() : text;
    }

    [FlireoTool("dash_boom", Description = "Always fails.")]
    public string Boom() => throw new InvalidOperationException("Server=db;Password=hunter2");

    [FlireoTool("dash_note", Description = "Notes something in the background.", Async = true, Message = "Noted, thanks.")]
    public Task NoteAsync(string text) => Task.CompletedTask;
}

/// <summary>A tool that waits for the test: only the timeout tests serve it, so its sparkline counts are theirs alone.</summary>
public sealed class SlowTools(ToolProbe probe)
{
    [FlireoTool("dash_slow", Description = "Waits for the test.", TimeoutSeconds = 1)]
    public async Task<string> SlowAsync()
    {
        probe.SlowStarted.TrySetResult();
        await probe.SlowRelease.Task;
        return "finally";
    }
}

/// <summary>A tool only the sparkline test serves.</summary>
public sealed class SparkTools
{
    [FlireoTool("dash_spark", Description = "Answers at once.")]
    public string Spark() => "ok";
}

/// <summary>An async tool that fails its first runs, for the dead-letter tests.</summary>
public sealed class FlakyTools(ToolProbe probe)
{
    [FlireoTool("dash_flaky", Description = "Fails, then works.", Async = true, Message = "On it.")]
    public Task FlakyAsync(string order)
    {
        lock (probe)
        {
            if (probe.FlakyFailures > 0)
            {
                probe.FlakyFailures--;
                throw new FlireoToolException($"The warehouse refused order {order} <for now>.");
            }
        }

        probe.FlakySucceeded.TrySetResult();
        return Task.CompletedTask;
    }
}

/// <summary>An async tool that runs until the test releases it, for the running-calls test.</summary>
public sealed class HoldTools(ToolProbe probe)
{
    [FlireoTool("dash_hold", Description = "Runs until released.", Async = true)]
    public async Task HoldAsync(string job)
    {
        probe.HoldStarted.TrySetResult();
        await probe.HoldRelease.Task;
    }
}
