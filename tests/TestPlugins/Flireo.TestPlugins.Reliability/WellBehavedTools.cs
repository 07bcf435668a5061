using Flireo.Tools;

namespace Flireo.TestPlugins.Reliability;

/// <summary>Fast tools: the normal traffic the server must keep answering while other tools misbehave.</summary>
public static class WellBehavedTools
{
    private static long _backgroundRuns;

    /// <summary>Gets how many times <see cref="RecordInBackgroundAsync"/> completed, for the soak run's summary.</summary>
    public static long BackgroundRuns => Interlocked.Read(ref _backgroundRuns);

    [FlireoTool("echo_text", Description = "Returns the text it was given.")]
    public static string Echo(string text) => text;

    [FlireoTool("add_numbers", Description = "Adds two integers.")]
    public static long Add(int a, int b) => (long)a + b;

    [FlireoTool("background_runs", Description = "Tells how many background calls have completed in this process.")]
    public static long CountBackgroundRuns() => BackgroundRuns;

    [FlireoTool("record_in_background", Async = true, Description = "Runs in the background; fails on the first attempts it is told to.")]
    public static async Task RecordInBackgroundAsync(int failFirstAttempts, ToolCallContext call, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (call.Attempt <= failFirstAttempts)
        {
            throw new InvalidOperationException($"Transient failure on attempt {call.Attempt}.");
        }

        Interlocked.Increment(ref _backgroundRuns);
    }
}
