namespace Flireo.Tools.Benchmarks.Plugin;

/// <summary>Holds tools that take long: an async tool for acknowledgement latency and two that ignore their deadline.</summary>
public sealed class SlowTools
{
    /// <summary>Works in the background for the given time; the webhook is acknowledged at once.</summary>
    /// <param name="message">Any text.</param>
    /// <param name="workMs">How long the background work takes, in milliseconds.</param>
    /// <param name="cancellationToken">Cancelled when the attempt times out or the server stops.</param>
    /// <returns>A task that completes when the work is done.</returns>
    [FlireoTool("notify_team", Async = true, Message = "I'll let the team know.", Description = "Notifies the team in the background.")]
    public Task NotifyTeamAsync(string message, int workMs, CancellationToken cancellationToken)
        => Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(workMs, 0, 600_000)), cancellationToken);

    /// <summary>Awaits the given time without a thread and answers: a tool whose work is I/O, such as a database query.</summary>
    /// <param name="ms">How long the I/O takes, in milliseconds.</param>
    /// <param name="cancellationToken">Cancelled when the call times out or the server stops.</param>
    /// <returns>A fixed text, once the wait is over.</returns>
    [FlireoTool("wait_io", Description = "Waits for the given number of milliseconds, like a database query, and answers.")]
    public async Task<string> WaitIoAsync(int ms, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, 60_000)), cancellationToken);
        return "done";
    }

    /// <summary>Waits without a thread for the given time and ignores cancellation: a tool that misses its deadline.</summary>
    /// <param name="seconds">How long to wait.</param>
    /// <returns>A task that completes after the wait.</returns>
    [FlireoTool("hang", Description = "Waits for the given number of seconds, ignoring cancellation.")]
    public async Task<string> HangAsync(int seconds)
    {
        await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 600)), CancellationToken.None);
        return "done";
    }

    /// <summary>Blocks its thread for the given time: a badly written tool that holds a thread-pool thread past its deadline.</summary>
    /// <param name="seconds">How long to block.</param>
    /// <returns>A fixed text.</returns>
    [FlireoTool("hang_blocking", Description = "Blocks a thread for the given number of seconds.")]
    public string HangBlocking(int seconds)
    {
        Thread.Sleep(TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 600)));
        return "done";
    }
}
