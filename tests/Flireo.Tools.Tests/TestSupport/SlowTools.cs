namespace Flireo.Tools.Tests.TestSupport;

/// <summary>Tools whose progress a test controls through shared signals.</summary>
public sealed class SlowTools
{
    public static TaskCompletionSource Release { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static TaskCompletionSource<bool> CancelObserved { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static int Runs;

    [FlireoTool("hang_ignoring_token")]
    public static async Task<string> HangIgnoringTokenAsync()
    {
        Interlocked.Increment(ref Runs);
        await Release.Task;
        return "late";
    }

    [FlireoTool("hang_cooperative")]
    public static async Task<string> HangCooperativeAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Runs);
        try
        {
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            CancelObserved.TrySetResult(true);
            throw;
        }

        return "never";
    }

    [FlireoTool("hang_throwing_callback")]
    public static async Task<string> HangThrowingCallbackAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Runs);
        using var registration = cancellationToken.Register(static () => throw new InvalidOperationException("callback failed"));
        await Release.Task;
        return "late";
    }

    [FlireoTool("block_thread")]
    public static string BlockThread()
    {
        Interlocked.Increment(ref Runs);
        Release.Task.Wait();
        return "unblocked";
    }

    [FlireoTool("quick_limit", TimeoutSeconds = 2)]
    public static async Task<string> QuickLimitAsync()
    {
        await Release.Task;
        return "late";
    }

    [FlireoTool("counted")]
    public static async Task<int> CountedAsync()
    {
        var run = Interlocked.Increment(ref Runs);
        await Release.Task;
        return run;
    }
}
